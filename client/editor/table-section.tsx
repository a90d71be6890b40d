import { memo, useCallback, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { addRow, deleteRow, moveRow, type RowView, type TableView } from '../../core/schema/index.ts';
import { columnWidth, type Column } from '../../core/tables/index.ts';
import { publishCellFocus, type PresentPerson } from '../sync/use-presence.ts';
import { AddColumnForm } from './add-column-form.tsx';
import { CellEditor } from './cells/cell-editor.tsx';
import { CellPreview, previewsAsText } from './cells/cell-preview.tsx';
import './cells/cell-preview.css';
import { ColumnHeader } from './column-header.tsx';
import { RowCard } from './row-card.tsx';
import './table-section.css';
import { sameRow } from './same-cell.ts';

interface TableSectionProps {
  readonly doc: Y.Doc;
  readonly table: TableView;
  readonly headingId: string;
  readonly readOnly: boolean;
  readonly awareness: Awareness;
  readonly people: readonly PresentPerson[];
  readonly participant: string;
}

/** The one cell of a table that holds a live editor. */
interface ActiveCell {
  readonly rowId: string;
  readonly columnId: string;
}

/**
 * A table section: a real <table> with column headers, a labelled control per cell, and row
 * actions as buttons, so it works by keyboard and screen reader as well as by mouse. Cells whose
 * editor is a form control show their value as a focusable button until someone works in them
 * (see CellPreview); only that one cell holds a live editor.
 */
export const TableSection = memo(function TableSection({ doc, table, headingId, readOnly, awareness, people, participant }: TableSectionProps) {
  const descriptionId = useId();
  const columns = useStableColumns(table.columns);
  const [active, setActive] = useState<ActiveCell | null>(null);
  const release = useCallback((cell: ActiveCell) => setActive((current) => (current?.rowId === cell.rowId && current.columnId === cell.columnId ? null : current)), []);
  const [cardRow, setCardRow] = useState<string | null>(null);
  const cardIndex = cardRow === null ? -1 : table.rows.findIndex((row) => row.id === cardRow);
  // A column being dragged draws at its new width here before the document has it.
  const [dragged, setDragged] = useState<{ readonly columnId: string; readonly width: number } | null>(null);
  const widths = table.columns.map((column) => (dragged?.columnId === column.id ? dragged.width : columnWidth(column)));
  const tableWidth = widths.reduce((sum, width) => sum + width, readOnly ? 0 : ROW_ACTIONS_PX);
  const stretchIndex = table.columns.findLastIndex((column) => column.kind === 'text' && column.width === undefined);

  return (
    <div className="table-section">
      {table.description !== '' && (
        <p id={descriptionId} className="section-description">
          {table.description}
        </p>
      )}
      <div className="table-scroll" role="region" aria-labelledby={headingId} tabIndex={0}>
        <table aria-labelledby={headingId} aria-describedby={table.description !== '' ? descriptionId : undefined} style={{ width: `max(100%, ${tableWidth}px)` }}>
          <colgroup>
            {widths.map((width, index) => (
              // The last long-text column takes what the window has beyond the columns' widths (it is never narrower than its own).
              <col key={table.columns[index]!.id} style={index === stretchIndex ? undefined : { width: `${width}px` }} />
            ))}
            {!readOnly && <col style={{ width: `${ROW_ACTIONS_PX}px` }} />}
          </colgroup>
          <thead>
            <tr>
              {table.columns.map((column, index) => (
                <ColumnHeader
                  key={column.id}
                  doc={doc}
                  sectionId={table.id}
                  column={column}
                  width={widths[index]!}
                  resizable={!readOnly}
                  onPreviewWidth={(width) => setDragged(width === null ? null : { columnId: column.id, width })}
                />
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
              <TableRow
                key={row.id}
                doc={doc}
                sectionId={table.id}
                columns={columns}
                row={row}
                index={index}
                rowCount={table.rows.length}
                readOnly={readOnly}
                awareness={awareness}
                busy={busyCells(people, table.id, row.id)}
                participant={participant}
                activeColumn={active?.rowId === row.id ? active.columnId : null}
                onActivate={setActive}
                onRelease={release}
                onOpenCard={setCardRow}
              />
            ))}
          </tbody>
        </table>
      </div>
      {cardIndex !== -1 && (
        <RowCard
          doc={doc}
          sectionId={table.id}
          tableTitle={table.title}
          columns={columns}
          row={table.rows[cardIndex]!}
          index={cardIndex}
          readOnly={readOnly}
          awareness={awareness}
          participant={participant}
          onClose={() => setCardRow(null)}
        />
      )}
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
});

/** Room for a row's four action buttons. */
const ROW_ACTIONS_PX = 164;

/** The same array as last time while the columns are unchanged, so rows can skip rendering. */
function useStableColumns(columns: readonly Column[]): readonly Column[] {
  const previous = useRef<{ key: string; columns: readonly Column[] } | null>(null);
  const key = JSON.stringify(columns);
  if (previous.current === null || previous.current.key !== key) previous.current = { key, columns };
  return previous.current.columns;
}

/** Who else is in each cell of a row, as "columnId → people"; a stable empty value when nobody is. */
const NOBODY: ReadonlyMap<string, readonly PresentPerson[]> = new Map();
function busyCells(people: readonly PresentPerson[], sectionId: string, rowId: string): ReadonlyMap<string, readonly PresentPerson[]> {
  let busy: Map<string, PresentPerson[]> | null = null;
  for (const person of people) {
    if (person.isMe || person.cell?.sectionId !== sectionId || person.cell.rowId !== rowId) continue;
    busy ??= new Map();
    const list = busy.get(person.cell.columnId) ?? [];
    list.push(person);
    busy.set(person.cell.columnId, list);
  }
  return busy ?? NOBODY;
}

function sameBusy(a: ReadonlyMap<string, readonly PresentPerson[]>, b: ReadonlyMap<string, readonly PresentPerson[]>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [column, people] of a) {
    const other = b.get(column);
    if (other === undefined || other.length !== people.length || people.some((person, index) => person.clientId !== other[index]!.clientId || person.name !== other[index]!.name)) return false;
  }
  return true;
}

interface TableRowProps {
  readonly doc: Y.Doc;
  readonly sectionId: string;
  readonly columns: readonly Column[];
  readonly row: RowView;
  readonly index: number;
  readonly rowCount: number;
  readonly readOnly: boolean;
  readonly awareness: Awareness;
  readonly busy: ReadonlyMap<string, readonly PresentPerson[]>;
  readonly participant: string;
  /** The column of this row whose cell holds the live editor, if any. */
  readonly activeColumn: string | null;
  readonly onActivate: (cell: ActiveCell) => void;
  readonly onRelease: (cell: ActiveCell) => void;
  /** Opens the row as a card, for long text. */
  readonly onOpenCard: (rowId: string) => void;
}

/** One row; it renders again only when its own cells, position or presence change. */
const TableRow = memo(function TableRow({ doc, sectionId, columns, row, index, rowCount, readOnly, awareness, busy, participant, activeColumn, onActivate, onRelease, onOpenCard }: TableRowProps) {
  return (
    <tr>
      {columns.map((column) => {
        const others = busy.get(column.id) ?? [];
        const address = { sectionId, rowId: row.id, columnId: column.id };
        return (
          <td key={column.id} className={`cell cell-kind-${column.kind}${others.length > 0 ? ' cell-busy' : ''}`} data-label={column.title} style={others.length > 0 ? { outlineColor: others[0]!.color } : undefined}>
            {!readOnly && previewsAsText(column) && activeColumn !== column.id ? (
              <CellPreview column={column} value={row.cells[column.id]} label={`${column.title}, row ${index + 1}`} onActivate={() => onActivate({ rowId: row.id, columnId: column.id })} />
            ) : (
              <LiveCell live={!readOnly && previewsAsText(column)} onRelease={() => onRelease({ rowId: row.id, columnId: column.id })}>
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
              </LiveCell>
            )}
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
          <button type="button" className="icon-button row-open" aria-label={`Open row ${index + 1} as a card`} onClick={() => onOpenCard(row.id)}>
            ⤢
          </button>
          <button type="button" className="icon-button" aria-label={`Move row ${index + 1} up`} disabled={index === 0} onClick={() => moveRow(doc, sectionId, row.id, index - 1)}>
            ↑
          </button>
          <button type="button" className="icon-button" aria-label={`Move row ${index + 1} down`} disabled={index === rowCount - 1} onClick={() => moveRow(doc, sectionId, row.id, index + 1)}>
            ↓
          </button>
          <button type="button" className="icon-button danger" aria-label={`Delete row ${index + 1}`} onClick={() => deleteRow(doc, sectionId, row.id)}>
            ✕
          </button>
        </td>
      )}
    </tr>
  );
}, (before, after) =>
  before.doc === after.doc &&
  (before.row === after.row || sameRow(before.row, after.row)) &&
  before.sectionId === after.sectionId &&
  before.columns === after.columns &&
  before.index === after.index &&
  before.rowCount === after.rowCount &&
  before.readOnly === after.readOnly &&
  before.awareness === after.awareness &&
  before.participant === after.participant &&
  before.activeColumn === after.activeColumn &&
  before.onActivate === after.onActivate &&
  before.onRelease === after.onRelease &&
  before.onOpenCard === after.onOpenCard &&
  sameBusy(before.busy, after.busy) &&
  sameRow(before.row, after.row),
);

/**
 * The cell that was just activated from its preview: its control takes the focus at once, and
 * once the focus has left the cell for good the cell goes back to its preview.
 */
function LiveCell({ live, onRelease, children }: { readonly live: boolean; readonly onRelease: () => void; readonly children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!live) return;
    ref.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, [live]);
  if (!live) return children;
  return (
    <div
      ref={ref}
      className="cell-live"
      onBlur={(event) => {
        const cell = event.currentTarget;
        if (event.relatedTarget instanceof Node && cell.contains(event.relatedTarget)) return;
        // Wait until the focus has landed: a window losing focus comes back to the same control.
        setTimeout(() => {
          if (!cell.contains(document.activeElement) && document.hasFocus()) onRelease();
        }, 0);
      }}
    >
      {children}
    </div>
  );
}
