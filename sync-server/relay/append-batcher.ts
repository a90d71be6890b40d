import { DocumentDeletedError, type DocumentStore } from '../storage/document-store.ts';
import { systemClock, type Clock } from './clock.ts';

interface PendingAppend {
  readonly documentId: string;
  readonly updates: readonly Uint8Array[];
  readonly resolve: (lastSeq: number) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The least time between the starts of two commits; 0 by default (true group commit: the next
 * commit starts as soon as the previous one is done). A positive value trades latency for CPU
 * under load: rooms gather for longer and relay several keystrokes as one frame per socket.
 */
export const DEFAULT_COMMIT_INTERVAL_MS = 0;

/**
 * Group commit: one storage commit at a time, shared by every room busy when it starts (R3).
 *
 * Rooms start their rounds together: `waitForRoundStart()` is one promise shared by every room
 * waiting for it. It resolves in the next turn of the event loop (`setImmediate`, so every frame already
 * read from the network is in the round) when no commit is running, else as soon as the running
 * one is done: what arrives during a commit goes into the next one, and nothing waits on a clock.
 * Each room's round then runs, in the microtasks that follow, up to its `append`; the flush is
 * queued behind them (a microtask), so all of the round's appends go to storage in one
 * `appendUpdates` call: one transaction. A failed write rejects every append of its batch, and
 * the store guarantees none of it was kept; an append to a document deleted meanwhile (S18) is
 * rejected alone, with `DocumentDeletedError`.
 */
export class AppendBatcher {
  private roundStart: Promise<void> | null = null;
  private releaseRoundStart: (() => void) | null = null;
  private roundStartScheduled = false;
  private pending: PendingAppend[] = [];
  private flushQueued = false;
  private committing = false;
  private lastCommitAt = -Infinity;

  constructor(
    private readonly store: DocumentStore,
    private readonly commitIntervalMs = DEFAULT_COMMIT_INTERVAL_MS,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Resolves when the next round may start, together with every other room waiting for it: in
   * the next turn of the event loop, or once the running commit (and any commit interval) is over.
   */
  waitForRoundStart(): Promise<void> {
    if (this.roundStart === null) {
      this.roundStart = new Promise<void>((resolve) => {
        this.releaseRoundStart = resolve;
      });
      this.scheduleRoundStart();
    }
    return this.roundStart;
  }

  /** True while a commit is running; for tests. */
  get isCommitting(): boolean {
    return this.committing;
  }

  /** Resolves with the document's last sequence number once the batch holding these updates is durable. */
  append(documentId: string, updates: readonly Uint8Array[]): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.pending.push({ documentId, updates, resolve, reject });
      this.queueFlush();
    });
  }

  /** Starts the waiting rooms' rounds at the next chance; a running commit starts them when it ends. */
  private scheduleRoundStart(): void {
    if (this.committing || this.roundStartScheduled) return;
    this.roundStartScheduled = true;
    const start = (): void => {
      this.roundStartScheduled = false;
      const release = this.releaseRoundStart;
      this.roundStart = null;
      this.releaseRoundStart = null;
      release?.();
      // Behind the rounds just released, so their appends join any left over from the last commit.
      if (this.pending.length > 0) this.queueFlush();
    };
    const wait = this.lastCommitAt + this.commitIntervalMs - this.clock.now();
    if (wait >= 1) this.clock.setTimeout(start, wait);
    else setImmediate(start);
  }

  private queueFlush(): void {
    if (this.flushQueued || this.committing) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.committing || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.committing = true;
    this.lastCommitAt = this.clock.now();
    try {
      const lastSeqs = await this.store.appendUpdates(batch);
      batch.forEach((append, i) => {
        const lastSeq = lastSeqs[i]!;
        if (lastSeq === null) append.reject(new DocumentDeletedError(append.documentId));
        else append.resolve(lastSeq);
      });
    } catch (error) {
      for (const append of batch) append.reject(error);
    } finally {
      this.committing = false;
      // Rooms that waited for this commit, and appends that came in during it (a room that read
      // storage first), go together into the next one.
      if (this.roundStart !== null) this.scheduleRoundStart();
      else if (this.pending.length > 0) this.queueFlush();
    }
  }
}
