import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { readConfig } from '../../../sync-server/config.ts';
import { BENCH_METRICS_TOKEN, BENCH_ROOM_GRACE_MS } from './ours-metrics.ts';
import { serveControl } from './control.ts';

/**
 * The Pathways server as in production: the compiled dist/server that `npm start` runs (this
 * file is compiled too and started without a TypeScript loader; see compile-entry.ts), SQLite in
 * BENCH_DATA_DIR, persist before fan-out. BENCH_STORE=memory swaps in the in-memory store (the
 * 'ours-memory' diagnostic). Warnings and errors go to this child's log, which the orchestrator counts.
 */
// A path computed at run time, so compiling this file leaves the compiled server's import alone.
const compiledServer = join(process.cwd(), 'dist', 'server', 'server.js');
const { startServer } = (await import(
  pathToFileURL(compiledServer).href
)) as typeof import('../../../sync-server/server.ts');
const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
// The storage knobs pass through (PATHWAYS_SQLITE_SYNCHRONOUS=FULL is the 'ours-full' diagnostic);
// the admin token does not, since the benchmark creates its workspaces without one.
const config = readConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  PATHWAYS_SQLITE_SYNCHRONOUS: process.env.PATHWAYS_SQLITE_SYNCHRONOUS,
  PATHWAYS_STORE_LATENCY_MS: process.env.PATHWAYS_STORE_LATENCY_MS,
  PATHWAYS_COMMIT_INTERVAL_MS: process.env.PATHWAYS_COMMIT_INTERVAL_MS,
  // Shorter than the default so the loads that wait for rooms to leave memory do not take minutes;
  // still far longer than a reconnect, which is what the reopen figure measures.
  PATHWAYS_ROOM_GRACE_MS: process.env.PATHWAYS_ROOM_GRACE_MS ?? String(BENCH_ROOM_GRACE_MS),
  PATHWAYS_METRICS_TOKEN: BENCH_METRICS_TOKEN,
  // Set only by the two-node topologies (servers/two-node-cluster.ts), under names of their own so
  // a DATABASE_URL in the shell running the benchmark never reaches the single-node runs.
  DATABASE_URL: process.env.BENCH_DATABASE_URL,
  REDIS_URL: process.env.BENCH_REDIS_URL,
});
const server = await startServer(config, {
  logger: pino({ level: 'warn' }),
  ...(process.env.BENCH_STORE === 'memory' && {
    store: new (await import('../../../sync-server/storage/memory-store.ts')).MemoryDocumentStore(),
  }),
});

serveControl({
  port: server.port,
  roomCount: () => server.relay.roomCount,
  stop: () => server.stop(),
  extra: {
    storedBytes: (args: { documentId: string }) => server.store.storedBytes(args.documentId),
  },
});
