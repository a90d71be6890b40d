import { flushSync } from 'react-dom';
import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether the element is within `marginPx` of the window, kept current as the page scrolls; true
 * while printing, so what is printed is current. False until the first observation.
 */
export function useNearViewport(ref: RefObject<HTMLElement | null>, marginPx: number): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return;
    if (typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => setNear(entries.at(-1)!.isIntersecting),
      { rootMargin: `${marginPx}px 0px` },
    );
    observer.observe(element);
    // The print snapshot is taken right after this event: render synchronously inside it.
    const beforePrint = (): void => flushSync(() => setNear(true));
    window.addEventListener('beforeprint', beforePrint);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', beforePrint);
    };
  }, [ref, marginPx]);
  return near;
}
