/**
 * At most `limit` events per key in any `windowMs`: a sliding window of timestamps per key.
 * Memory stays bounded by the keys active within the last window; older keys are dropped as
 * new events arrive.
 */
export class RateWindow {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an event for `key` if it fits; otherwise returns the seconds until one would. */
  take(key: string): { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number } {
    const now = this.now();
    this.forgetIdle(now);
    const recent = (this.events.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.events.set(key, recent);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.events.set(key, recent);
    return { ok: true };
  }

  private forgetIdle(now: number): void {
    for (const [key, times] of this.events) if (now - times[times.length - 1]! >= this.windowMs) this.events.delete(key);
  }
}
