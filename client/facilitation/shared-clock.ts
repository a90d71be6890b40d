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

export function estimateServerClock(): Promise<void> {
  estimating ??= (async () => {
    // A slow answer says little about when the server read its clock, so only a quick one counts.
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      try {
        const sent = Date.now();
        const response = await fetch('/healthz', { method: 'HEAD', cache: 'no-store' });
        const received = Date.now();
        const header = response.headers.get('date');
        const serverMs = header === null ? Number.NaN : Date.parse(header);
        if (!Number.isFinite(serverMs)) return;
        if (received - sent > MAX_ROUND_TRIP_MS) continue;
        // The header truncates to the second: its true moment is on average half a second later.
        const offset = serverMs + 500 - (sent + received) / 2;
        if (Math.abs(offset) > SKEW_THRESHOLD_MS) offsetMs = offset;
        return;
      } catch {
        return; // Offline: the device clock it is.
      }
    }
  })();
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
