import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * The value, passed on once it has stayed the same for `settleMs`, or at least every `maxWaitMs`
 * while it keeps changing (30 people typing never let it settle), and rendered as a transition so
 * a keystroke interrupts it. Charts and summaries under a table need not follow every keystroke:
 * redrawn every 400 ms, they landed on every sixth keystroke of a fast typist and took its frame.
 */
export function useSettled<T>(value: T, settleMs: number, maxWaitMs: number): T {
  const [shown, setShown] = useState(value);
  // The first change (the charts coming near the window) passes at once.
  const lastShownAt = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(
      0,
      Math.min(settleMs, lastShownAt.current + maxWaitMs - performance.now()),
    );
    const timer = setTimeout(() => {
      lastShownAt.current = performance.now();
      startTransition(() => setShown(value));
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, settleMs, maxWaitMs]);
  return shown;
}
