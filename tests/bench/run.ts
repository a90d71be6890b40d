import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAllChildren, LOG_DIR, startChild, type BenchChild } from './child-processes.ts';
import { runClientBenchmark } from './client/client-bench.ts';
import { readBenchConfig, type BenchConfig } from './config.ts';
import { waitForQuietMachine } from './machine-load.ts';
import { renderReport, type Outcome, type ServerResults } from './report.ts';
import { runColdLoad, type ColdLoadSummary } from './scenarios/cold-load.ts';
import { runFanOut, type FanOutSummary } from './scenarios/fan-out.ts';
import { runHousekeeping } from './scenarios/housekeeping.ts';
import { renderHousekeeping } from './scenarios/housekeeping-report.ts';
import { runIdleMemory } from './scenarios/idle-memory.ts';
import { runTwoNodeTopologies } from './scenarios/two-node.ts';
import { readTwoNodeConfig } from './scenarios/two-node-config.ts';
import { renderTopologies } from './scenarios/two-node-report.ts';
import { SERVER_KINDS, type ServerKind } from './servers/kinds.ts';
import { launchServer, type LaunchedServer } from './servers/launch.ts';

/**
 * `npm run bench`: each server in turn, in its own process on 127.0.0.1, under the same three
 * loads from separate generator processes; one table at the end, also written to
 * tests/bench/results/latest.md. Sizes come from BENCH_* variables (see config.ts).
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(HERE, 'results');
const GENERATOR_ENTRY = join(HERE, 'load', 'worker.ts');

async function attempt<T>(what: string, run: () => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now();
  try {
    const value = await run();
    console.log(`  ${what}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { ok: true, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`  ${what}: FAILED: ${message}`);
    return { ok: false, error: message };
  }
}

/** Warnings and errors (pino levels 40 and up) in the server's logs, restarts included. */
function countLoggedProblems(logPaths: readonly string[]): number {
  let count = 0;
  for (const path of logPaths) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const level = /"level":(\d+)/.exec(line);
      if (level !== null && Number(level[1]) >= 40) count++;
      else if (/^\s*(Error|TypeError|RangeError)\b/.test(line)) count++;
    }
  }
  return count;
}

/** Fan-out windows in which other processes took more than this share of a core are redone. */
const BUSY_WINDOW_SHARE = 0.25;
const MAX_FAN_OUT_REDOS = 2;

/**
 * The fan-out load, redone (at most twice, only with BENCH_QUIET_SECONDS set) when something
 * outside the benchmark took a large share of the CPU during its window.
 */
async function runFanOutOnQuietMachine(
  server: LaunchedServer,
  config: BenchConfig,
  generators: readonly BenchChild[],
): Promise<FanOutSummary> {
  let summary = await runFanOut(server, config, generators);
  for (
    let redo = 1;
    redo <= MAX_FAN_OUT_REDOS &&
    config.quietSeconds > 0 &&
    (summary.otherCpuShare ?? 0) > BUSY_WINDOW_SHARE;
    redo++
  ) {
    console.log(
      `  other processes took ${Math.round(summary.otherCpuShare! * 100)}% of a core during the fan-out; waiting for quiet and redoing it (${redo}/${MAX_FAN_OUT_REDOS})`,
    );
    await waitForQuietMachine(config.quietSeconds * 1000);
    summary = await runFanOut(server, config, generators);
  }
  return summary;
}

/** The server's process-tree RSS once start-up work (compiling, loading the client) has settled. */
async function readSettledRss(server: LaunchedServer): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return server.treeRssBytes();
}

async function benchServer(kind: ServerKind, config: BenchConfig): Promise<ServerResults> {
  console.log(`${kind.name}`);
  if (config.quietSeconds > 0) {
    const busy = await waitForQuietMachine(config.quietSeconds * 1000);
    if (busy !== null && busy >= 0.2)
      console.log(
        `  the machine is still busy (${Math.round(busy * 100)}% of a core) after ${config.quietSeconds} s; starting anyway`,
      );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'pathways-bench-'));
  const logPaths: string[] = [];
  let server: LaunchedServer | null = null;
  let generators: BenchChild[] = [];
  const launch = async (): Promise<LaunchedServer> => {
    server = await launchServer(kind, dataDir);
    logPaths.push(server.child.logPath);
    return server;
  };
  try {
    // Generators are started once per server and shared by its three loads (the cold-load and
    // idle-memory loads use the first): a fresh process per server, without a startup per load.
    generators = Array.from({ length: config.generators }, (_, i) =>
      startChild(`generator-${kind.name}-${i}`, GENERATOR_ENTRY),
    );
    await Promise.all([launch(), ...generators.map((generator) => generator.ready)]);
    const treeRssBeforeClients = await readSettledRss(server!);
    const fanOut = await attempt('fan-out', () =>
      runFanOutOnQuietMachine(server!, config, generators),
    );
    let coldLoad: Outcome<ColdLoadSummary> = { ok: false, error: 'n/a (holds no document)' };
    if (kind.holdsDocuments) {
      coldLoad = await attempt('cold load', async () => {
        const restart = async (): Promise<LaunchedServer> => {
          await server!.stop();
          return launch();
        };
        const { summary, server: running } = await runColdLoad(
          server!,
          config,
          generators[0]!,
          restart,
          dataDir,
        );
        server = running;
        return summary;
      });
    }
    const idleMemory = await attempt('idle memory', () =>
      runIdleMemory(server!, config, generators[0]!, treeRssBeforeClients),
    );
    return {
      name: kind.name,
      fanOut,
      coldLoad,
      idleMemory,
      loggedProblems: countLoggedProblems(logPaths),
    };
  } finally {
    await Promise.all(generators.map((generator) => generator.kill()));
    // Graceful first (ours flushes its rooms; a --cpu-prof profile gets written), then certain.
    await (server as LaunchedServer | null)?.stop().catch(() => {});
    await (server as LaunchedServer | null)?.child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const config = readBenchConfig(process.env);
  const twoNode = readTwoNodeConfig(process.env);
  const startedAt = new Date();
  // Every loop below is bounded; this is the backstop if a child hangs in a way no timeout saw.
  const watchdog = setTimeout(() => {
    console.error(`benchmark exceeded BENCH_LIMIT_MINUTES=${config.limitMinutes}; killing it`);
    killAllChildren();
    process.exit(2);
  }, config.limitMinutes * 60_000);
  watchdog.unref();
  rmSync(LOG_DIR, { recursive: true, force: true });

  const results: ServerResults[] = [];
  for (const name of config.servers) {
    const kind = SERVER_KINDS[name];
    try {
      results.push(await benchServer(kind, config));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.log(`  could not run: ${message}`);
      const failed = { ok: false as const, error: message };
      results.push({
        name,
        fanOut: failed,
        coldLoad: failed,
        idleMemory: failed,
        loggedProblems: 0,
      });
    }
  }

  // Compaction and session end of a large document under load, on the loop and in the worker
  // (scenarios/housekeeping.ts); BENCH_HOUSEKEEPING=0 skips it.
  const housekeeping =
    config.servers.includes('ours') && process.env.BENCH_HOUSEKEEPING !== '0'
      ? await attempt('housekeeping', () => runHousekeeping(config, GENERATOR_ENTRY))
      : null;
  // One node and two (scenarios/two-node.ts), after the comparison with the peers.
  const topologies = await runTwoNodeTopologies(config, twoNode, GENERATOR_ENTRY, attempt);
  let report = renderReport(results, config, {
    startedAt,
    elapsedMs: Date.now() - startedAt.getTime(),
  });
  if (housekeeping !== null) report += `\n\n${renderHousekeeping(housekeeping)}\n`;
  if (topologies.length > 0) report += `\n\n${renderTopologies(topologies, config, twoNode)}\n`;
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'latest.md'), report);
  console.log(`\n${report}`);
  console.log(`written to ${join(RESULTS_DIR, 'latest.md')}; child logs in ${LOG_DIR}`);
  clearTimeout(watchdog);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

try {
  await main();
  // The client benchmark (tests/bench/client/) comes last, once the relay's loads have stopped.
  if (process.env.BENCH_CLIENT !== '0') await runClientBenchmark();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  killAllChildren();
}
