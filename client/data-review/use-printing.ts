import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * Whether the page is being printed (between beforeprint and afterprint, or while print media
 * applies), for content built only when shown on screen but always printed.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const media = window.matchMedia('print');
    // The print snapshot is taken right after beforeprint: render synchronously inside it.
    const before = (): void => flushSync(() => setPrinting(true));
    const after = (): void => setPrinting(media.matches);
    const change = (): void => flushSync(() => setPrinting(media.matches));
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    media.addEventListener('change', change);
    setPrinting(media.matches);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      media.removeEventListener('change', change);
    };
  }, []);
  return printing;
}
