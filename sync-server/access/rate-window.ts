/** Whether an event fitted its window, or how long until one would. */
export type RateTaken =
  { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** A rate limit that routes consult: in this process, or shared by every node (RedisRateWindow). */
export interface RateLimiter {
  /** Records an event for `key` if it fits; otherwise returns the seconds until one would. A refused event does not count. */
  take(key: string): RateTaken | Promise<RateTaken>;
}

/**
 * Makes the named rate limits of a server: `name` keeps two limits apart where they share a
 * store (Redis), so each route's limit counts only its own events.
 */
export type RateLimiters = (name: string, limit: number, windowMs: number) => RateLimiter;

/** One machine's limits, kept in this process (the default, and a node's fallback without Redis). */
export const inProcessRateLimiters: RateLimiters = (_name, limit, windowMs) =>
  new RateWindow(limit, windowMs);

/**
 * At most `limit` events per key in any `windowMs`: a sliding window of timestamps per key.
 * Memory stays bounded by the keys active within the last window; older keys are dropped as
 * new events arrive.
 */
export class RateWindow implements RateLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an event for `key` if it fits; otherwise returns the seconds until one would. */
  take(key: string): RateTaken {
    const now = this.now();
    this.forgetIdle(now);
    const recent = (this.events.get(key) ?? []).filter((at) => now - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.events.set(key, recent);
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000)),
      };
    }
    recent.push(now);
    this.events.set(key, recent);
    return { ok: true };
  }

  private forgetIdle(now: number): void {
    for (const [key, times] of this.events)
      if (now - times[times.length - 1]! >= this.windowMs) this.events.delete(key);
  }
}
