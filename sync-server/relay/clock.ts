/**
 * Time and timers for the relay's pacing decisions, passed in (as `RateWindow` takes `now`) so
 * that tests move time by hand instead of sleeping.
 */
export interface Clock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Calls `callback` after `delayMs`; the returned function cancels it if it has not run yet. */
  setTimeout(callback: () => void, delayMs: number): () => void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    return () => clearTimeout(timer);
  },
};
