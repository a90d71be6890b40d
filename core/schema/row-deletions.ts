import * as Y from 'yjs';
import { findEntry } from './ordered-list.ts';
import { applied, type Applied } from './problems.ts';
import { deleteRow, tableParts } from './table.ts';

/** Row deletions one person made in one table, which that person can undo. */
export interface RowDeletions {
  /** Deletes a row so that `undo` can bring it back, with everything that was in it. */
  readonly deleteRow: (rowId: string) => Applied;
  /** Brings back the row deleted last (of those not yet brought back); false when there is none. */
  readonly undo: () => boolean;
  readonly canUndo: () => boolean;
  readonly destroy: () => void;
}

/**
 * Undo for deleting rows, per person: a Y.UndoManager over the table's rows that tracks only the
 * deletions made through it, so undoing never takes back anyone else's change (nor one's own
 * typing, which the text fields undo themselves). The deleted row's content is kept by the undo
 * manager until it is destroyed, so a row is restored whole, cell texts and answers included.
 * Null when the table no longer exists.
 */
export function trackRowDeletions(doc: Y.Doc, sectionId: string): RowDeletions | null {
  const parts = tableParts(doc, sectionId);
  if (parts === null) return null;
  const origin = { deletions: sectionId };
  // captureTimeout 0: each deletion is its own step, however quickly two rows are deleted.
  const undoManager = new Y.UndoManager(parts.rows, {
    trackedOrigins: new Set([origin]),
    captureTimeout: 0,
  });
  return {
    deleteRow: (rowId) => {
      if (findEntry(parts.rows, rowId) === null) return deleteRow(doc, sectionId, rowId);
      let result: Applied = applied;
      doc.transact(() => {
        result = deleteRow(doc, sectionId, rowId);
      }, origin);
      return result;
    },
    undo: () => undoManager.undo() !== null,
    canUndo: () => undoManager.canUndo(),
    destroy: () => undoManager.destroy(),
  };
}
