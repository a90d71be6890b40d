import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { trackRowDeletions, type RowDeletions } from '#core/schema';

/**
 * Deleting rows so that the person who deleted one can bring it back: "Undo" in the message that
 * says it was deleted (which takes the focus), or Ctrl+Z (⌘Z) outside a text field.
 */
export function useRowDeletions(doc: Y.Doc, sectionId: string) {
  const deletions = useRef<RowDeletions | null>(null);
  const [deleted, setDeleted] = useState<number | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    deletions.current = trackRowDeletions(doc, sectionId);
    return () => {
      deletions.current?.destroy();
      deletions.current = null;
    };
  }, [doc, sectionId]);
  const deleteRowOf = useCallback((rowId: string, rowNumber: number) => {
    if (deletions.current?.deleteRow(rowId).ok === true) {
      setDeleted(rowNumber);
      requestAnimationFrame(() => undoRef.current?.focus());
    }
  }, []);
  const undoDelete = useCallback(() => {
    deletions.current?.undo();
    setDeleted(null);
  }, []);
  useEffect(() => {
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
