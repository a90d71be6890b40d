import { useEffect, useRef, useState } from 'react';

/**
 * The value, passed on at most once per `intervalMs` (the latest one wins). Charts and summaries
 * under a table need not follow every keystroke of 30 people; redrawing them at that rate took
 * frames away from the person typing.
 */
export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastShownAt = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = Math.max(0, lastShownAt.current + intervalMs - performance.now());
    const timer = setTimeout(() => {
      lastShownAt.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, intervalMs]);
  return shown;
}
