import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import type * as Y from 'yjs';
import { noteSchema } from './note-schema.ts';
import { noteToProseMirror } from './render-note.ts';

/**
 * Whether a note's fragment is a document of the note schema, kept current with changes from
 * others. The editor starts only on a note that is: on anything else y-tiptap either throws (text
 * outside a paragraph) or deletes what it cannot convert from everyone's copy. One's own editor
 * only writes the schema, so only changes from elsewhere are checked, and before any observer sees
 * them: when one leaves the schema, `stopEditor` runs first, so the open editor's binding never
 * receives it (it would throw inside the socket's message handler).
 */
export function useNoteFitsSchema(fragment: Y.XmlFragment): {
  fits: boolean;
  stopEditor: MutableRefObject<(() => void) | null>;
} {
  const [fits, setFits] = useState(() => noteToProseMirror(fragment, noteSchema()) !== null);
  const stopEditor = useRef<(() => void) | null>(null);
  useEffect(() => {
    const doc = fragment.doc;
    setFits(noteToProseMirror(fragment, noteSchema()) !== null);
    if (doc === null) return;
    const beforeObservers = (transaction: Y.Transaction): void => {
      if (transaction.local || !touches(transaction, fragment)) return;
      const fitsNow = noteToProseMirror(fragment, noteSchema()) !== null;
      if (!fitsNow) stopEditor.current?.();
      setFits(fitsNow);
    };
    doc.on('beforeObserverCalls', beforeObservers);
    return () => doc.off('beforeObserverCalls', beforeObservers);
  }, [fragment]);
  return { fits, stopEditor };
}

/** Whether the transaction changed the fragment or anything inside it. */
function touches(transaction: Y.Transaction, fragment: Y.XmlFragment): boolean {
  for (const changed of transaction.changed.keys()) {
    let type: unknown = changed;
    while (type !== null && typeof type === 'object') {
      if (type === fragment) return true;
      // An item's parent is its type, or (for a type not yet integrated) an id; the root has none.
      type = (type as { _item?: { parent?: unknown } | null })._item?.parent ?? null;
    }
  }
  return false;
}
