import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { beforeNextFrame } from './next-frame-work.ts';

/**
 * `read(doc)`, read again at most once per frame after any change: many remote keystrokes in one
 * frame cost one read. `read` must be stable (a module function), since it is read on every frame.
 */
export function useDocRead<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const [value, setValue] = useState(() => read(doc));
  useEffect(() => {
    let cancelRead: (() => void) | null = null;
    const onUpdate = (): void => {
      cancelRead ??= beforeNextFrame(() => {
        cancelRead = null;
        setValue(read(doc));
      });
    };
    doc.on('update', onUpdate);
    setValue(read(doc));
    return () => {
      doc.off('update', onUpdate);
      cancelRead?.();
    };
  }, [doc, read]);
  return value;
}
