import { useId } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { addRow, deleteRow, moveRow, type TableView } from '../../core/schema/index.ts';
import { publishCellFocus, type PresentPerson } from '../sync/use-presence.ts';
import { AddColumnForm } from './add-column-form.tsx';
import { CellEditor } from './cells/cell-editor.tsx';

interface TableSectionProps {
  readonly doc: Y.Doc;
  readonly table: TableView;
  readonly headingId: string;
  readonly readOnly: boolean;
  readonly awareness: Awareness;
  readonly people: readonly PresentPerson[];
  readonly participant: string;
}

/**
 * A table section: a real <table> with column headers, one labelled editor per cell, and row
 * actions as buttons, so it works by keyboard and screen reader as well as by mouse.
 */
export function TableSection({ doc, table, headingId, readOnly, awareness, people, participant }: TableSectionProps) {
  const descriptionId = useId();
  const othersIn = (rowId: string, columnId: string) =>
    people.filter((person) => !person.isMe && person.cell?.sectionId === table.id && person.cell.rowId === rowId && person.cell.columnId === columnId);

  return (
    <div className="table-section">
      {table.description !== '' && (
        <p id={descriptionId} className="section-description">
          {table.description}
        </p>
      )}
      <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table aria-labelledby={headingId} aria-describedby={table.description !== '' ? descriptionId : undefined}>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column.id} scope="col">
                  {column.title}
                  {column.hint !== '' && <span className="column-hint">{column.hint}</span>}
                </th>
              ))}
              {!readOnly && (
                <th scope="col">
                  <span className="visually-hidden">Row actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              <tr key={row.id}>
                {table.columns.map((column) => {
                  const others = othersIn(row.id, column.id);
                  const address = { sectionId: table.id, rowId: row.id, columnId: column.id };
                  return (
                    <td key={column.id} className={others.length > 0 ? 'cell cell-busy' : 'cell'} style={others.length > 0 ? { outlineColor: others[0]!.color } : undefined}>
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
                      {others.length > 0 && (
                        <span className="cell-presence" style={{ backgroundColor: others[0]!.color }}>
                          {others.map((person) => person.name).join(', ')} {others.length === 1 ? 'is' : 'are'} editing
                        </span>
                      )}
                    </td>
                  );
                })}
                {!readOnly && (
                  <td className="row-actions">
                    <button type="button" className="icon-button" aria-label={`Move row ${index + 1} up`} disabled={index === 0} onClick={() => moveRow(doc, table.id, row.id, index - 1)}>
                      ↑
                    </button>
                    <button type="button" className="icon-button" aria-label={`Move row ${index + 1} down`} disabled={index === table.rows.length - 1} onClick={() => moveRow(doc, table.id, row.id, index + 1)}>
                      ↓
                    </button>
                    <button type="button" className="icon-button danger" aria-label={`Delete row ${index + 1}`} onClick={() => deleteRow(doc, table.id, row.id)}>
                      ✕
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!readOnly && (
        <div className="table-actions">
          <button type="button" onClick={() => addRow(doc, table.id)}>
            Add row
          </button>
          <AddColumnForm doc={doc} table={table} />
        </div>
      )}
    </div>
  );
}
