import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SQLITE_FILE_NAME } from '../../../sync-server/storage/sqlite-store.ts';
import type { BenchChild } from '../child-processes.ts';
import type { BenchConfig } from '../config.ts';
import type { HistoryWritten } from '../load/cold-load.ts';
import { prepareRooms, waitForNoRooms, type LaunchedServer } from '../servers/launch.ts';
import { BENCH_ROOM_GRACE_MS, readOursMetrics } from '../servers/ours-metrics.ts';
import type { LoopDelay } from './fan-out.ts';
import { median } from '../stats.ts';

export interface ColdLoadSummary {
  readonly written: HistoryWritten;
  /** Median first sync while another client keeps the document loaded. */
  readonly fromMemoryMs: number;
  /**
   * Median first sync right after the last client left, the room still in its grace period
   * (R24; ours only: the peers keep nothing once their last client leaves).
   */
  readonly reopenedMs: number | null;
  /** First sync right after a restart on the same data (ours only). */
  readonly afterRestartMs: number | null;
  /** Median first sync of the evicted document from storage, process already warm (ours only). */
  readonly fromStorageMs: number | null;
  /** Snapshot plus log held for the document once its room closed (ours only). */
  readonly storedBytes: number | null;
  /**
   * The server's event-loop delay while the history was written and relayed: for ours this
   * window holds the compactions of a large document (every COMPACT_AFTER_UPDATES rounds).
   */
  readonly writeLoopDelay: LoopDelay;
  /** Compactions in that window (ours only). */
  readonly writeCompactions: number | null;
  /** The SQLite file and its WAL, versions and all (ours only). */
  readonly sqliteFileBytes: number | null;
}

function sqliteFileBytes(dataDir: string): number {
  return ['', '-wal']
    .map((suffix) => join(dataDir, SQLITE_FILE_NAME + suffix))
    .filter((path) => existsSync(path))
    .reduce((sum, path) => sum + statSync(path).size, 0);
}

/**
 * A document with a long history of single-character updates, then fresh clients timing their
 * first sync (client side: from creating a stock provider to the whole text applied): from
 * memory, and for ours also reopened within the grace period, after a restart and after eviction.
 * `restart` replaces the server process on the same data; the scenario returns the one running.
 */
export async function runColdLoad(
  first: LaunchedServer,
  config: BenchConfig,
  worker: BenchChild,
  restart: () => Promise<LaunchedServer>,
  dataDir: string,
): Promise<{ summary: ColdLoadSummary; server: LaunchedServer }> {
  let server = first;
  const [room] = await prepareRooms(server, 1, 'cold-load');
  try {
    await server.child.request('loop-delay:reset');
    const compactionsBefore = server.kind.createsRoomsOverRest
      ? (await readOursMetrics(server.httpUrl)).compactions
      : null;
    const written = await worker.request<HistoryWritten>(
      'cold:write',
      { target: server.target, room, updates: config.historyUpdates },
      240_000,
    );
    const writeLoopDelay = await server.child.request<LoopDelay>('loop-delay');
    const writeCompactions =
      compactionsBefore === null
        ? null
        : (await readOursMetrics(server.httpUrl)).compactions - compactionsBefore;
    const firstSync = (): Promise<number> =>
      worker.request<number>(
        'cold:first-sync',
        { target: server.target, room, length: config.historyUpdates },
        90_000,
      );
    const fromMemory: number[] = [];
    for (let i = 0; i < config.coldRepeats; i++) fromMemory.push(await firstSync());
    await worker.request('cold:release');
    if (!server.kind.persists)
      return {
        summary: {
          written,
          writeLoopDelay,
          writeCompactions,
          fromMemoryMs: median(fromMemory),
          reopenedMs: null,
          afterRestartMs: null,
          fromStorageMs: null,
          storedBytes: null,
          sqliteFileBytes: null,
        },
        server,
      };

    const reopened: number[] = [];
    for (let i = 0; i < config.coldRepeats; i++) reopened.push(await firstSync());
    await waitForNoRooms(server, BENCH_ROOM_GRACE_MS + 30_000);
    // pathways_rooms drops when the last socket leaves, before the room's closing compaction
    // is written; the graceful stop waits for that write, so stored bytes are read after it.
    server = await restart();
    const storedBytes = await server.child.request<number>('storedBytes', {
      documentId: room!.name,
    });
    const afterRestartMs = await firstSync();
    const fromStorage: number[] = [];
    for (let i = 0; i < config.coldRepeats; i++) {
      await waitForNoRooms(server, BENCH_ROOM_GRACE_MS + 30_000);
      fromStorage.push(await firstSync());
    }
    return {
      summary: {
        written,
        writeLoopDelay,
        writeCompactions,
        fromMemoryMs: median(fromMemory),
        reopenedMs: median(reopened),
        afterRestartMs,
        fromStorageMs: median(fromStorage),
        storedBytes,
        sqliteFileBytes: sqliteFileBytes(dataDir),
      },
      server,
    };
  } finally {
    await worker.request('cold:release');
  }
}
