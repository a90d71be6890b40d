import pino from 'pino';
import { readConfig } from '../../../sync-server/config.ts';
import { BENCH_METRICS_TOKEN, BENCH_ROOM_GRACE_MS } from './ours-metrics.ts';
import { startServer } from '../../../sync-server/server.ts';
import { MemoryDocumentStore } from '../../../sync-server/storage/memory-store.ts';
import { serveControl } from './control.ts';

/**
 * The Pathways server as in production: SQLite in BENCH_DATA_DIR, persist before fan-out.
 * BENCH_STORE=memory swaps in the in-memory store (the 'ours-memory' diagnostic).
 * Warnings and errors go to this child's log, which the orchestrator counts.
 */
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
});
const server = await startServer(config, {
  logger: pino({ level: 'warn' }),
  ...(process.env.BENCH_STORE === 'memory' && { store: new MemoryDocumentStore() }),
});

serveControl({
  port: server.port,
  roomCount: () => server.relay.roomCount,
  stop: () => server.stop(),
  extra: { storedBytes: (args: { documentId: string }) => server.store.storedBytes(args.documentId) },
});
