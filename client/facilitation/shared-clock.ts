import { useEffect, useState } from 'react';

/**
 * The clock the agenda timer reads and stamps. Laptops' clocks mostly agree (they sync over the
 * network), but one that is minutes off would show a different time left. So once per page load
 * we read the server's HTTP `Date` header and, when this device is more than two seconds away
 * from it, count from the server's time instead. `Date` has whole-second precision, hence the
 * two-second threshold: below it the correction would add more error than it removes. Offline,
 * or before the answer, the device clock is used as is.
 */
let offsetMs = 0;
let estimating: Promise<void> | null = null;

const SKEW_THRESHOLD_MS = 2000;
/** With a round trip under this, the estimate is off by at most 0.5 s (timing) + 0.5 s (rounding). */
const MAX_ROUND_TRIP_MS = 1000;
const MAX_ATTEMPTS = 3;
const RETRY_MS = 3000;

/** What estimating the skew needs from the world, passed in so tests can stand in for it. */
export interface ClockSources {
  /** This device's clock, in epoch ms. */
  now(): number;
  /** The server's HTTP `Date` header, or null when it sends none; rejects when offline. */
  readServerDate(): Promise<string | null>;
  /** Resolves after `ms`. */
  wait(ms: number): Promise<void>;
}

/** How far the server's clock is ahead of this device's, in ms; 0 when under two seconds or unknown. */
export async function estimateClockOffset(sources: ClockSources): Promise<number> {
  // A slow answer says little about when the server read its clock, so only a quick one counts.
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await sources.wait(RETRY_MS);
    try {
      const sent = sources.now();
      const header = await sources.readServerDate();
      const received = sources.now();
      const serverMs = header === null ? Number.NaN : Date.parse(header);
      if (!Number.isFinite(serverMs)) return 0;
      if (received - sent > MAX_ROUND_TRIP_MS) continue;
      // The header truncates to the second: its true moment is on average half a second later.
      const offset = serverMs + 500 - (sent + received) / 2;
      return Math.abs(offset) > SKEW_THRESHOLD_MS ? offset : 0;
    } catch {
      return 0; // Offline: the device clock it is.
    }
  }
  return 0;
}

const browserSources: ClockSources = {
  now: () => Date.now(),
  readServerDate: async () =>
    (await fetch('/healthz', { method: 'HEAD', cache: 'no-store' })).headers.get('date'),
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function estimateServerClock(): Promise<void> {
  estimating ??= estimateClockOffset(browserSources).then((offset) => {
    offsetMs = offset;
  });
  return estimating;
}

/** Now, in epoch ms, corrected for this device's clock skew when we know it. */
export function sharedNow(): number {
  return Date.now() + offsetMs;
}

/** Re-renders every `intervalMs` while `ticking`, returning the shared now; still when not ticking. */
export function useSharedNow(ticking: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(sharedNow);
  useEffect(() => {
    void estimateServerClock().then(() => setNow(sharedNow()));
  }, []);
  useEffect(() => {
    setNow(sharedNow());
    if (!ticking) return;
    const timer = window.setInterval(() => setNow(sharedNow()), intervalMs);
    return () => window.clearInterval(timer);
  }, [ticking, intervalMs]);
  return now;
}
