/**
 * A room whose last socket left stays in memory this long (R24): a person reloading the page, or
 * the next meeting opening the same document, finds it open instead of waiting for a reload from
 * storage. Long enough for a reload on a slow school laptop, short enough that memory does not
 * grow with the documents opened in a day.
 */
export const DEFAULT_ROOM_GRACE_MS = 15_000;

/**
 * Rooms whose last socket has left, each with the timer that ends its grace period (R24): a
 * person reloading the page, or the next meeting opening the same document, finds the room still
 * open instead of waiting for a reload from storage.
 */
export class GracePeriods<R> {
  private readonly timers = new Map<R, ReturnType<typeof setTimeout>>();

  constructor(private readonly graceMs: number) {}

  /** False when rooms close at once (a grace period of 0). */
  get enabled(): boolean {
    return this.graceMs > 0;
  }

  /** Calls `end` once the grace period is over, unless `cancel(room)` comes first. */
  start(room: R, end: () => void): void {
    this.cancel(room);
    const timer = setTimeout(() => {
      this.timers.delete(room);
      end();
    }, this.graceMs);
    // A room in its grace period holds nothing unstored: it must not keep the process alive.
    timer.unref();
    this.timers.set(room, timer);
  }

  /** A socket joined, or the room is closing anyway: its grace period ends without closing it. */
  cancel(room: R): void {
    const timer = this.timers.get(room);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(room);
  }
}
