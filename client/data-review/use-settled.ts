import { startTransition, useEffect, useRef, useState } from 'react';
import { whenKeyboardRests } from '../keyboard-rest.ts';

/**
 * The value, passed on once it has stayed the same for `settleMs`, or at least every `maxWaitMs`
 * while it keeps changing (30 people typing never let it settle), and only once this page's
 * keyboard has rested for `settleMs`; rendered as a transition so a keystroke interrupts it.
 * Charts and summaries under a table need not follow every keystroke: redrawn every 400 ms, they
 * landed on every sixth keystroke of a fast typist and took its frame.
 */
export function useSettled<T>(value: T, settleMs: number, maxWaitMs: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const changedAt = useRef(0);
  // The first change (the charts coming near the window) passes at once.
  const lastShownAt = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    changedAt.current = performance.now();
  }, [value]);
  const pending = !Object.is(value, shown);
  useEffect(() => {
    if (!pending) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let cancelRest: (() => void) | null = null;
    // Scheduled once per shown value, not per change: 30 people change it every frame.
    const check = (): void => {
      timer = null;
      const wait =
        Math.min(changedAt.current + settleMs, lastShownAt.current + maxWaitMs) - performance.now();
      if (wait > 0) {
        timer = setTimeout(check, wait);
        return;
      }
      cancelRest = whenKeyboardRests(() => {
        cancelRest = null;
        lastShownAt.current = performance.now();
        startTransition(() => setShown(latest.current));
      }, settleMs);
    };
    check();
    return () => {
      if (timer !== null) clearTimeout(timer);
      cancelRest?.();
    };
  }, [pending, shown, settleMs, maxWaitMs]);
  return shown;
}
