import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * `read(doc)`, read again at most once per frame after any change: many remote keystrokes in one
 * frame cost one read. `read` must be stable (a module function), since it is read on every frame.
 */
export function useDocRead<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const [value, setValue] = useState(() => read(doc));
  useEffect(() => {
    let frame: number | null = null;
    const onUpdate = (): void => {
      if (frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        setValue(read(doc));
      });
    };
    doc.on('update', onUpdate);
    setValue(read(doc));
    return () => {
      doc.off('update', onUpdate);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [doc, read]);
  return value;
}
