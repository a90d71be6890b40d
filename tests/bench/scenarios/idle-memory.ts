import type { BenchChild } from '../child-processes.ts';
import type { BenchConfig } from '../config.ts';
import { prepareRooms, waitForNoRooms, type LaunchedServer } from '../servers/launch.ts';
import { BENCH_ROOM_GRACE_MS } from '../servers/ours-metrics.ts';

export interface IdleMemorySummary {
  readonly documents: number;
  /** Resident memory of the server's process tree once started, before any client connected. */
  readonly treeRssBeforeClientsBytes: number;
  /** (heap after − heap before) / documents, both after full collections. */
  readonly heapBytesPerDocument: number;
  /** Rooms the server still held in memory at the end. */
  readonly roomsLeftOpen: number;
  /** Whether the server dropped each room once its last client left. */
  readonly evicts: boolean;
  readonly elapsedMs: number;
}

/**
 * How long a closed room may take to leave memory before we decide the server keeps it: past
 * ours's grace period in the benchmark (BENCH_ROOM_GRACE_MS).
 */
const EVICTION_PROBE_MS = BENCH_ROOM_GRACE_MS + 3000;
/** The wait for every room to leave memory after the last session. */
const EVICTION_WAIT_MS = BENCH_ROOM_GRACE_MS + 30_000;

/**
 * Documents opened one after another for a short session each. A server that evicts a room when
 * its last client leaves (after its grace period, for ours) should end where it started; one that
 * keeps rooms grows per document.
 */
export async function runIdleMemory(
  server: LaunchedServer,
  config: BenchConfig,
  worker: BenchChild,
  treeRssBeforeClientsBytes: number,
): Promise<IdleMemorySummary> {
  // Warm-up sessions first, unmeasured: V8 optimises the session's code paths during the first
  // few dozen, and that compiled code sits on the heap once, not per document.
  const warmUps = Math.min(20, Math.max(1, Math.round(config.idleDocuments / 10)));
  const rooms = await prepareRooms(server, warmUps + config.idleDocuments, 'idle');
  const session = (index: number): Promise<void> =>
    worker.request('idle:open-and-close', { target: server.target, room: rooms[index] }, 60_000);
  const roomsBefore = await server.roomCount();
  // The first session also tells whether this server evicts rooms at all.
  await session(0);
  const evicts = await waitForNoRooms(server, EVICTION_PROBE_MS).then(
    () => true,
    () => false,
  );
  // Sessions follow one another without waiting for each room to leave (ours keeps a room for a
  // grace period); every room has left before the heap is read.
  for (let i = 1; i < warmUps; i++) await session(i);
  if (evicts) await waitForNoRooms(server, EVICTION_WAIT_MS);
  const started = performance.now();
  const heapBefore = await server.heapBytes();
  for (let i = warmUps; i < warmUps + config.idleDocuments; i++) await session(i);
  if (evicts) await waitForNoRooms(server, EVICTION_WAIT_MS);
  // A room leaves the count when its last socket closes; give the final close time to finish.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const heapAfter = await server.heapBytes();
  return {
    documents: config.idleDocuments,
    treeRssBeforeClientsBytes,
    heapBytesPerDocument: (heapAfter - heapBefore) / config.idleDocuments,
    roomsLeftOpen: (await server.roomCount()) - roomsBefore,
    evicts,
    elapsedMs: performance.now() - started,
  };
}
