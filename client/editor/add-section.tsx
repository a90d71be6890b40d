import type * as Y from 'yjs';
import { addNoteSection, addTableSection } from '#core/schema';

/** Adds a notes or a table section at the end of the document. */
export function AddSection({ doc }: { readonly doc: Y.Doc }) {
  return (
    <div className="add-section" role="group" aria-label="Add a section">
      <button type="button" onClick={() => addNoteSection(doc, { title: 'Notes' })}>
        Add notes section
      </button>
      <button
        type="button"
        onClick={() =>
          addTableSection(doc, {
            title: 'Table',
            columns: [
              { kind: 'text', title: 'Item' },
              { kind: 'person', title: 'Owner' },
              { kind: 'date', title: 'Date' },
            ],
            rows: [{}],
          })
        }
      >
        Add table section
      </button>
    </div>
  );
}
