import {
  connectClient,
  whenDoc,
  withTimeout,
  type BenchClient,
  type RoomRef,
  type Target,
} from './clients.ts';

/** Updates sent per event-loop turn, so the writer's socket drains while it writes. */
const WRITE_CHUNK = 250;

/**
 * One large document under housekeeping (tests/bench/scenarios/housekeeping.ts): a writer that
 * inserts single characters at scattered places (a fragmented document, the costly kind to
 * encode and to build), and a keeper that holds the room open and confirms the server relayed it all.
 */
export class HousekeepingLoad {
  private writer: BenchClient | null = null;
  private keeper: BenchClient | null = null;
  private seed = 1;

  /** Connects the writer and keeper; resolves with ms until both synced (the room's first load). */
  async join(args: { target: Target; room: RoomRef }): Promise<number> {
    const started = performance.now();
    this.keeper = connectClient(args.target, args.room);
    this.writer = connectClient(args.target, args.room);
    await withTimeout(
      Promise.all([this.keeper.synced, this.writer.synced]),
      'the large document to load',
      120_000,
    );
    return performance.now() - started;
  }

  /**
   * Inserts `updates` characters at scattered places, one update each; resolves once the keeper
   * has them all. `paced` sends each on its own a millisecond apart, as a person types, so each
   * makes its own round (and COMPACT_AFTER_UPDATES rounds a compaction); else they go in bursts.
   */
  async write(args: {
    updates: number;
    paced: boolean;
  }): Promise<{ writeMs: number; length: number }> {
    const writer = this.writer;
    const keeper = this.keeper;
    if (writer === null || keeper === null)
      throw new Error('housekeeping:write before housekeeping:join');
    const started = performance.now();
    const target = writer.text.length + args.updates;
    for (let i = 0; i < args.updates; i++) {
      this.seed = (this.seed * 1103515245 + 12345) & 0x7fffffff;
      writer.text.insert(this.seed % (writer.text.length + 1), String.fromCharCode(97 + (i % 26)));
      if (args.paced) await new Promise((resolve) => setTimeout(resolve, 1));
      else if ((i + 1) % WRITE_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await whenDoc(
      keeper.doc,
      `the keeper to receive ${args.updates} updates`,
      () => keeper.text.length >= target,
      240_000,
    );
    return { writeMs: performance.now() - started, length: target };
  }

  /** Both clients leave: the room's session ends once its grace period is over. */
  leave(): void {
    this.writer?.destroy();
    this.keeper?.destroy();
    this.writer = null;
    this.keeper = null;
  }
}
