import {
  DEFAULT_OFF_LOOP_MIN_BYTES,
  sharedCompactionWorker,
  type CompactionWorker,
} from './compaction-worker-client.ts';

/**
 * When a room compacts its log, and where (R17, R28): after `COMPACT_AFTER_UPDATES` stored rounds
 * or `COMPACT_AFTER_BYTES` bytes, so stored bytes stay under snapshot + 1 MiB; in the compaction
 * worker once the document's stored bytes reach `offLoopMinBytes`, on the event loop below that.
 */
export const COMPACT_AFTER_UPDATES = 1000;
export const COMPACT_AFTER_BYTES = 1024 * 1024;

/** True once the log since the last compaction is long or large enough to fold into a snapshot. */
export function logNeedsCompaction(updates: number, bytes: number): boolean {
  return updates >= COMPACT_AFTER_UPDATES || bytes >= COMPACT_AFTER_BYTES;
}

/**
 * `PATHWAYS_COMPACT_OFF_LOOP_MIN_BYTES` overrides the size from which compaction leaves the event
 * loop (`off`: never, the benchmark's "before"); read once, for every room of the process.
 */
function readOffLoopMinBytes(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.PATHWAYS_COMPACT_OFF_LOOP_MIN_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_OFF_LOOP_MIN_BYTES;
  if (raw === 'off') return Number.POSITIVE_INFINITY;
  const bytes = Number(raw);
  if (!Number.isInteger(bytes) || bytes < 0)
    throw new Error(
      `PATHWAYS_COMPACT_OFF_LOOP_MIN_BYTES must be a whole number of bytes or "off", got "${raw}"`,
    );
  return bytes;
}
const OFF_LOOP_MIN_BYTES = readOffLoopMinBytes(process.env);

/** Where a room's compactions run; tests pass their own worker and threshold. */
export interface CompactionPlace {
  readonly worker: CompactionWorker;
  readonly offLoopMinBytes: number;
}

/** The process's shared worker, with the threshold from the environment. */
export function defaultCompactionPlace(): CompactionPlace {
  return { worker: sharedCompactionWorker(), offLoopMinBytes: OFF_LOOP_MIN_BYTES };
}
