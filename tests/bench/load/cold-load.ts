import * as Y from 'yjs';
import {
  connectClient,
  whenDoc,
  withTimeout,
  type BenchClient,
  type RoomRef,
  type Target,
} from './clients.ts';

export interface HistoryWritten {
  /** Sum of the byte lengths of every update the writer produced: the log with no compaction. */
  readonly rawLogBytes: number;
  /** Y.encodeStateAsUpdate of the written document. */
  readonly snapshotBytes: number;
  readonly writeMs: number;
}

/** Updates sent per event-loop turn, so the writer's socket drains while it writes. */
const WRITE_CHUNK = 500;

/**
 * A document with a long history, and fresh clients timing their first sync of it. A keeper
 * client stays connected so the server keeps the document loaded ("from memory").
 */
export class ColdLoad {
  private keeper: BenchClient | null = null;

  /** Writes `updates` single-character inserts, one update each, and waits until the keeper has them all. */
  async writeHistory(args: {
    target: Target;
    room: RoomRef;
    updates: number;
  }): Promise<HistoryWritten> {
    const { target, room, updates } = args;
    this.keeper = connectClient(target, room);
    const writer = connectClient(target, room);
    await withTimeout(
      Promise.all([this.keeper.synced, writer.synced]),
      'keeper and writer to sync',
      30_000,
    );
    const base = writer.text.length;
    let rawLogBytes = 0;
    writer.doc.on('update', (update: Uint8Array) => (rawLogBytes += update.byteLength));
    const started = performance.now();
    for (let i = 0; i < updates; i++) {
      writer.text.insert(base + i, String.fromCharCode(97 + (i % 26)));
      if ((i + 1) % WRITE_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const keeper = this.keeper;
    await whenDoc(
      keeper.doc,
      `the keeper to receive ${updates} updates`,
      () => keeper.text.length >= base + updates,
      180_000,
    );
    const writeMs = performance.now() - started;
    const snapshotBytes = Y.encodeStateAsUpdate(writer.doc).byteLength;
    writer.destroy();
    return { rawLogBytes, snapshotBytes, writeMs };
  }

  /** Milliseconds for a fresh client to be synced and hold the whole text. */
  async timeFirstSync(args: { target: Target; room: RoomRef; length: number }): Promise<number> {
    const started = performance.now();
    const client = connectClient(args.target, args.room);
    try {
      await withTimeout(client.synced, 'a fresh client to sync', 60_000);
      await whenDoc(
        client.doc,
        'the full history',
        () => client.text.length >= args.length,
        60_000,
      );
      return performance.now() - started;
    } finally {
      client.destroy();
    }
  }

  releaseKeeper(): void {
    this.keeper?.destroy();
    this.keeper = null;
  }
}
