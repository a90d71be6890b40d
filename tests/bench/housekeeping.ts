import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAllChildren } from './child-processes.ts';
import { readBenchConfig } from './config.ts';
import { runHousekeeping } from './scenarios/housekeeping.ts';
import { renderHousekeeping } from './scenarios/housekeeping-report.ts';

/**
 * `npx tsx tests/bench/housekeeping.ts`: only the housekeeping scenario, which `npm run bench`
 * also runs; sizes from the same BENCH_* variables (BENCH_HISTORY, BENCH_ROOMS, BENCH_CLIENTS).
 */
const GENERATOR_ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'load', 'worker.ts');
try {
  const summary = await runHousekeeping(readBenchConfig(process.env), GENERATOR_ENTRY);
  console.log(renderHousekeeping({ ok: true, value: summary }));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  killAllChildren();
}
