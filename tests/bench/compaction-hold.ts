import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance as perf } from 'node:perf_hooks';
import pino from 'pino';
import * as Y from 'yjs';
import { createRelayMetrics } from '../../sync-server/observability/metrics.ts';
import { AppendBatcher } from '../../sync-server/relay/append-batcher.ts';
import { CompactionWorker } from '../../sync-server/relay/compaction-worker-client.ts';
import { COMPACT_AFTER_UPDATES } from '../../sync-server/relay/compaction-policy.ts';
import { RoomPersistence } from '../../sync-server/relay/room-persistence.ts';
import { SqliteDocumentStore } from '../../sync-server/storage/sqlite-store.ts';
import { median } from './stats.ts';

/**
 * How long one compaction and one session end hold the event loop, for a large fragmented
 * document on SQLite: the real RoomPersistence, on the loop and with the worker, alternating
 * in one process so the machine's load weighs on both alike. A probe waits a 1 ms timer
 * over and over and records the longest overshoot: the longest time nothing else (no socket, no other room) ran.
 */
export interface HoldFigures {
  readonly mode: 'on the loop' | 'worker';
  /** Medians over the repeats, ms; busy: the main thread's loop running code (the probe's own turns included). */
  readonly compactionBusyMs: number;
  readonly sessionEndBusyMs: number;
  readonly compactionMaxBlockMs: number;
  readonly compactionWallMs: number;
  readonly sessionEndMaxBlockMs: number;
  readonly sessionEndWallMs: number;
}

export interface CompactionHoldSummary {
  readonly documentBytes: number;
  readonly edits: number;
  readonly repeats: number;
  readonly figures: readonly HoldFigures[];
  /** The longest block the probe saw in a second of doing nothing: the machine's own noise. */
  readonly idleMaxBlockMs: number;
}

/**
 * Runs `work` while a probe measures the longest event-loop block, and the time the main thread's
 * loop was busy (event-loop utilisation's active time, which a worker thread's work is not in).
 */
async function probe(
  work: () => Promise<unknown>,
): Promise<{ maxBlockMs: number; wallMs: number; busyMs: number }> {
  let running = true;
  let maxBlockMs = 0;
  const prober = (async () => {
    while (running) {
      const before = performance.now();
      // A 1 ms timer, not setImmediate, so the loop idles between turns and its busy time means something.
      await new Promise((resolve) => setTimeout(resolve, 1));
      maxBlockMs = Math.max(maxBlockMs, performance.now() - before - 1);
    }
  })();
  const utilization = perf.eventLoopUtilization();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const busyMs = perf.eventLoopUtilization(utilization).active;
  running = false;
  await prober;
  return { maxBlockMs, wallMs, busyMs };
}

function scatteredHistory(edits: number): { snapshot: Uint8Array; next: (doc: Y.Doc) => void } {
  let seed = 11;
  const place = (length: number): number =>
    (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % (length + 1);
  const doc = new Y.Doc();
  const text = doc.getText('notes');
  for (let i = 0; i < edits; i++)
    text.insert(place(text.length), String.fromCharCode(97 + (i % 26)));
  return {
    snapshot: Y.encodeStateAsUpdate(doc),
    next: (target) => target.getText('notes').insert(place(target.getText('notes').length), 'z'),
  };
}

async function measureOnce(
  mode: HoldFigures['mode'],
  snapshot: Uint8Array,
  next: (doc: Y.Doc) => void,
  worker: CompactionWorker,
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pathways-hold-'));
  const store = SqliteDocumentStore.open(dataDir);
  try {
    const now = new Date().toISOString();
    await store.createWorkspace(
      { id: 'bench', name: 'Bench', createdAt: now },
      { owner: 'owner-hash', editor: 'editor-hash', viewer: 'viewer-hash' },
    );
    await store.createDocument(
      {
        id: 'large',
        workspaceId: 'bench',
        title: 'Large',
        template: null,
        createdAt: now,
        updatedAt: now,
      },
      snapshot,
    );
    const persistence = new RoomPersistence(
      'large',
      store,
      new AppendBatcher(store),
      pino({ level: 'silent' }),
      createRelayMetrics(),
      {
        worker,
        offLoopMinBytes: mode === 'worker' ? 0 : Number.POSITIVE_INFINITY,
      },
    );
    const doc = await persistence.load();
    const edit = async (): Promise<number> => {
      let update: Uint8Array | null = null;
      const collect = (u: Uint8Array): void => {
        update = u;
      };
      doc.on('update', collect);
      next(doc);
      doc.off('update', collect);
      return persistence.persist(doc, [update!]);
    };
    for (let i = 0; i < COMPACT_AFTER_UPDATES - 1; i++) await edit();
    // The round that reaches the threshold compacts (on the loop), or starts it (the worker); the
    // wait covers the background one: reading the last row comes back with the snapshot once a
    // compaction has folded it (S14), and is one small row until then.
    const compaction = await probe(async () => {
      const seq = await edit();
      while ((await store.readUpdatesAfter('large', seq - 1)).snapshot === null)
        await new Promise((resolve) => setTimeout(resolve, 20));
    });
    for (let i = 0; i < 100; i++) await edit();
    const sessionEnd = await probe(() => persistence.closeSession(doc));
    return { compaction, sessionEnd };
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureCompactionHold(
  edits = 20_000,
  repeats = 3,
): Promise<CompactionHoldSummary> {
  const { snapshot, next } = scatteredHistory(edits);
  const worker = new CompactionWorker();
  const runs: Record<HoldFigures['mode'], Awaited<ReturnType<typeof measureOnce>>[]> = {
    'on the loop': [],
    worker: [],
  };
  try {
    // One unmeasured round each first: V8 compiles the code paths.
    for (const mode of ['on the loop', 'worker'] as const)
      await measureOnce(mode, snapshot, next, worker);
    for (let i = 0; i < repeats; i++)
      for (const mode of ['on the loop', 'worker'] as const)
        runs[mode].push(await measureOnce(mode, snapshot, next, worker));
  } finally {
    await worker.terminate();
  }
  const figures = (['on the loop', 'worker'] as const).map((mode) => ({
    mode,
    compactionBusyMs: median(runs[mode].map((run) => run.compaction.busyMs)),
    sessionEndBusyMs: median(runs[mode].map((run) => run.sessionEnd.busyMs)),
    compactionMaxBlockMs: median(runs[mode].map((run) => run.compaction.maxBlockMs)),
    compactionWallMs: median(runs[mode].map((run) => run.compaction.wallMs)),
    sessionEndMaxBlockMs: median(runs[mode].map((run) => run.sessionEnd.maxBlockMs)),
    sessionEndWallMs: median(runs[mode].map((run) => run.sessionEnd.wallMs)),
  }));
  const idle = await probe(() => new Promise((resolve) => setTimeout(resolve, 1000)));
  return {
    documentBytes: snapshot.byteLength,
    edits,
    repeats,
    figures,
    idleMaxBlockMs: idle.maxBlockMs,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  console.log(
    JSON.stringify(
      await measureCompactionHold(Number(process.env.BENCH_HISTORY ?? 20_000)),
      null,
      2,
    ),
  );
