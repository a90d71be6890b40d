import { killAllChildren } from '../child-processes.ts';
import { runClientBenchmark } from './client-bench.ts';

/** `npm run bench:client`: the client benchmark alone (see client-bench.ts and README.md here). */
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

try {
  await runClientBenchmark();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  killAllChildren();
}
