import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { noteToProseMirror } from './render-note.ts';
import { noteSchema } from './note-schema.ts';

/**
 * Whether a note's fragment is a document of the note schema, kept current with changes from
 * others. The editor starts only on a note that is: on anything else y-tiptap either throws (text
 * outside a paragraph) or deletes what it cannot convert from everyone's copy. One's own editor
 * only writes the schema, so only changes from elsewhere are checked.
 */
export function useNoteFitsSchema(fragment: Y.XmlFragment): boolean {
  const [fits, setFits] = useState(() => noteToProseMirror(fragment, noteSchema()) !== null);
  useEffect(() => {
    const check = (): void => setFits(noteToProseMirror(fragment, noteSchema()) !== null);
    check();
    const onChange = (_events: unknown, transaction: Y.Transaction): void => {
      if (!transaction.local) check();
    };
    fragment.observeDeep(onChange);
    return () => fragment.unobserveDeep(onChange);
  }, [fragment]);
  return fits;
}
