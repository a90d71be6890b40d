import { useEffect, useRef } from 'react';

/**
 * Brings the element named by the address's #hash into view once the page has drawn it: a link
 * such as the follow-ups page's `/d/:doc#section-next-steps` arrives before the document is read,
 * so the browser's own jump finds nothing. Runs once per page, then leaves scrolling to the person.
 */
export function useScrollToHash(ready: boolean): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !ready) return;
    done.current = true;
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id === '') return;
    document.getElementById(id)?.scrollIntoView({ block: 'start' });
  }, [ready]);
}
