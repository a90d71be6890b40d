import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** A number that changes whenever the document does, for components reading maps the page view does not cover. */
export function useDocChanges(doc: Y.Doc): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = (): void => setVersion((value) => value + 1);
    doc.on('update', bump);
    return () => doc.off('update', bump);
  }, [doc]);
  return version;
}
