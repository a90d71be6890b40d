import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { trackRowDeletions, type RowDeletions } from '#core/schema';

/**
 * Deleting rows so that the person who deleted one can bring it back: "Undo" in the message that
 * says it was deleted (which takes the focus), or Ctrl+Z (⌘Z) outside a text field.
 */
export function useRowDeletions(doc: Y.Doc, sectionId: string) {
  const deletions = useRef<RowDeletions | null>(null);
  // A new object at each deletion, so deleting the same row number again moves the focus again.
  const [deletion, setDeletion] = useState<{ readonly row: number } | null>(null);
  const deleted = deletion?.row ?? null;
  const undoRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    deletions.current = trackRowDeletions(doc, sectionId);
    return () => {
      deletions.current?.destroy();
      deletions.current = null;
    };
  }, [doc, sectionId]);
  const deleteRowOf = useCallback((rowId: string, rowNumber: number) => {
    if (deletions.current?.deleteRow(rowId).ok === true) setDeletion({ row: rowNumber });
  }, []);
  // In the commit that shows the message: its Undo has the focus, and Ctrl+Z works, from the first frame.
  useLayoutEffect(() => {
    if (deletion !== null) undoRef.current?.focus();
  }, [deletion]);
  const undoDelete = useCallback(() => {
    deletions.current?.undo();
    setDeletion(null);
  }, []);
  useLayoutEffect(() => {
    if (deleted === null) return;
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement;
      if (
        event.key.toLowerCase() !== 'z' ||
        !(event.ctrlKey || event.metaKey) ||
        event.shiftKey ||
        event.altKey
      )
        return;
      if (
        target.isContentEditable ||
        target instanceof HTMLTextAreaElement ||
        (target instanceof HTMLInputElement && target.type !== 'checkbox')
      )
        return;
      event.preventDefault();
      undoDelete();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [deleted, undoDelete]);
  return { deleteRowOf, deleted, undoDelete, undoRef };
}
