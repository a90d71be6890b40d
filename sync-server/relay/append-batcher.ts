import type { DocumentStore } from '../storage/document-store.ts';

interface PendingAppend {
  readonly documentId: string;
  readonly updates: readonly Uint8Array[];
  readonly resolve: (lastSeq: number) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One storage commit per event-loop tick, across every busy room.
 *
 * Rooms start their rounds together: `nextTick()` is one `setImmediate` shared by every room
 * waiting for it, and each room's round then runs, in the microtasks that follow, up to its
 * `append`. The first append of the tick queues a flush behind them (a microtask, so after every
 * room of the tick has appended), which writes them all in one `appendUpdates` call: one
 * transaction instead of one per room. A failed write rejects every append of that batch, and
 * the store guarantees none of it was kept.
 */
export class AppendBatcher {
  private tick: Promise<void> | null = null;
  private pending: PendingAppend[] = [];

  constructor(private readonly store: DocumentStore) {}

  /** Resolves in the next check phase, together with every other room waiting for it. */
  nextTick(): Promise<void> {
    return (this.tick ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        this.tick = null;
        resolve();
      }),
    ));
  }

  /** Resolves with the document's last sequence number once the batch holding these updates is durable. */
  append(documentId: string, updates: readonly Uint8Array[]): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      if (this.pending.length === 0) queueMicrotask(() => void this.flush());
      this.pending.push({ documentId, updates, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const lastSeqs = await this.store.appendUpdates(batch);
      batch.forEach((append, i) => append.resolve(lastSeqs[i]!));
    } catch (error) {
      for (const append of batch) append.reject(error);
    }
  }
}
