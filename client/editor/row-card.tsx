import type { Participant } from '../sync/user-identity.ts';
import { useEffect, useId, useRef } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { RowView } from '#core/schema';
import type { Column } from '#core/tables';
import { publishCellFocus } from '../sync/use-presence.ts';
import { CellEditor } from './cells/cell-editor.tsx';

interface RowCardProps {
  readonly doc: Y.Doc;
  readonly sectionId: string;
  readonly tableTitle: string;
  readonly columns: readonly Column[];
  readonly row: RowView;
  readonly index: number;
  readonly readOnly: boolean;
  readonly awareness: Awareness;
  readonly participant: Participant;
  readonly onClose: () => void;
}

/**
 * One row opened as a card, for long text: every column as a labelled field with the room of the
 * whole dialog, edited live like the table (the same cell editors, the same presence). A modal
 * <dialog>: Escape or "Close" returns to the table.
 */
export function RowCard({
  doc,
  sectionId,
  tableTitle,
  columns,
  row,
  index,
  readOnly,
  awareness,
  participant,
  onClose,
}: RowCardProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="row-card" aria-labelledby={headingId} onClose={onClose}>
      <div className="row-card-head">
        <h3 id={headingId}>
          {tableTitle || 'Table'}, row {index + 1}
        </h3>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <div className="row-card-fields">
        {columns.map((column) => {
          const address = { sectionId, rowId: row.id, columnId: column.id };
          return (
            <div key={column.id} className={`row-card-field cell-kind-${column.kind}`}>
              <span className="row-card-label" aria-hidden="true">
                {column.title}
              </span>
              <CellEditor
                doc={doc}
                address={address}
                column={column}
                value={row.cells[column.id]}
                label={`${column.title}, row ${index + 1}`}
                readOnly={readOnly}
                participant={participant}
                onFocus={() => publishCellFocus(awareness, address)}
                onBlur={() => publishCellFocus(awareness, null)}
              />
            </div>
          );
        })}
      </div>
    </dialog>
  );
}
