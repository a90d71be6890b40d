import { memo, useCallback, useId, useMemo, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Participant } from '../sync/user-identity.ts';
import { addRow, moveRow, type RowView, type TableView } from '#core/schema';
import { columnWidth, type Column } from '#core/tables';
import { publishCellFocus, type PresentPerson } from '../sync/use-presence.ts';
import { AddColumnForm } from './add-column-form.tsx';
import { CellEditor } from './cells/cell-editor.tsx';
import { CellPreview, previewsAsText } from './cells/cell-preview.tsx';
import './cells/cell-preview.css';
import { ColumnHeader } from './column-header.tsx';
import { RowCard } from './row-card.tsx';
import './table-section.css';
import { sameRow } from '#core/schema/same-cell';
import { cellFlagsOf, NO_FLAGS, sameFlags } from './cell-flags.ts';
import { rangeBounds, useGridClipboard } from './use-grid-clipboard.ts';
import { useGridKeyboard } from './use-grid-keyboard.ts';
import type { ActiveCell } from './active-cell.ts';
import { useRowDeletions } from './use-row-deletions.ts';

interface TableSectionProps {
  readonly doc: Y.Doc;
  readonly table: TableView;
  readonly headingId: string;
  readonly readOnly: boolean;
  readonly awareness: Awareness;
  readonly people: readonly PresentPerson[];
  readonly participant: Participant;
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
  const { deleteRowOf, deleted, undoDelete, undoRef } = useRowDeletions(doc, table.id);
  const clipboard = useGridClipboard(doc, table, readOnly);
  const range = clipboard.range === null ? null : rangeBounds(clipboard.range);
  const flags = useMemo(() => cellFlagsOf(table), [table]);
  const grid = useGridKeyboard({ columns, readOnly, active, release, clipboard });
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
        <table
          ref={grid.tableRef}
          onKeyDown={grid.onKeyDown}
          onCopy={clipboard.onCopy}
          onPaste={clipboard.onPaste}
          aria-labelledby={headingId}
          aria-describedby={table.description !== '' ? descriptionId : undefined}
          style={{ width: `max(100%, ${tableWidth}px)` }}
        >
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
                activeCaret={active?.rowId === row.id ? (active.caret ?? null) : null}
                onActivate={setActive}
                onRelease={release}
                onDeleteRow={deleteRowOf}
                flags={flags.get(row.id) ?? NO_FLAGS}
                rangeLeft={range !== null && index >= range.top && index <= range.bottom ? range.left : -1}
                rangeRight={range !== null && index >= range.top && index <= range.bottom ? range.right : -1}
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
          <button
            type="button"
            onClick={() => {
              const created = addRow(doc, table.id);
              if (created.ok) grid.focusWhenShown({ rowId: created.id, columnId: null, intent: 'edit' });
            }}
          >
            Add row
          </button>
          <AddColumnForm doc={doc} table={table} />
        </div>
      )}
      {!readOnly && (
        <div role="status" className="table-status">
          {deleted !== null && (
            <>
              Row {deleted} deleted.{' '}
              <button type="button" ref={undoRef} className="quiet" onClick={undoDelete}>
                Undo
              </button>
            </>
          )}
          {clipboard.notice !== '' && <span className="grid-notice"> {clipboard.notice}</span>}
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
  readonly participant: Participant;
  /** The column of this row whose cell holds the live editor, if any. */
  readonly activeColumn: string | null;
  readonly activeCaret: number | null;
  readonly onActivate: (cell: ActiveCell) => void;
  readonly onRelease: (cell: ActiveCell) => void;
  readonly onDeleteRow: (rowId: string, rowNumber: number) => void;
  /** Why a cell of this row needs a second look, by column id. */
  readonly flags: ReadonlyMap<string, string>;
  /** The columns of this row in the selected block of cells (-1 when none). */
  readonly rangeLeft: number;
  readonly rangeRight: number;
  /** Opens the row as a card, for long text. */
  readonly onOpenCard: (rowId: string) => void;
}

/** One row; it renders again only when its own cells, position or presence change. */
const TableRow = memo(function TableRow({ doc, sectionId, columns, row, index, rowCount, readOnly, awareness, busy, participant, activeColumn, activeCaret, onActivate, onRelease, onDeleteRow, flags, rangeLeft, rangeRight, onOpenCard }: TableRowProps) {
  return (
    <tr data-row={index} data-row-id={row.id}>
      {columns.map((column, columnIndex) => {
        const others = busy.get(column.id) ?? [];
        const address = { sectionId, rowId: row.id, columnId: column.id };
        const flag = flags.get(column.id);
        const flagId = flag === undefined ? undefined : `flag-${sectionId}-${row.id}-${column.id}`;
        const classes = `cell cell-kind-${column.kind}${others.length > 0 ? ' cell-busy' : ''}${columnIndex >= rangeLeft && columnIndex <= rangeRight ? ' cell-in-range' : ''}${flag !== undefined ? ' cell-flagged' : ''}`;
        return (
          <td key={column.id} data-col={columnIndex} className={classes} data-label={column.title} title={flag} style={others.length > 0 ? { outlineColor: others[0]!.color } : undefined}>
            {!readOnly && previewsAsText(column) && activeColumn !== column.id ? (
              <CellPreview column={column} value={row.cells[column.id]} label={`${column.title}, row ${index + 1}`} describedBy={flagId} onActivate={(caret) => onActivate({ rowId: row.id, columnId: column.id, caret })} />
            ) : (
              <LiveCell live={!readOnly && previewsAsText(column)} caret={activeCaret} onRelease={() => onRelease({ rowId: row.id, columnId: column.id })}>
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
            {flag !== undefined && (
              <span className="cell-flag">
                <span aria-hidden="true">!</span>
                <span id={flagId} className="visually-hidden">Check: {flag}</span>
              </span>
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
          <button type="button" className="icon-button danger" aria-label={`Delete row ${index + 1}`} onClick={() => onDeleteRow(row.id, index + 1)}>
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
  before.activeCaret === after.activeCaret &&
  before.onActivate === after.onActivate &&
  before.onRelease === after.onRelease &&
  before.onDeleteRow === after.onDeleteRow &&
  sameFlags(before.flags, after.flags) &&
  before.rangeLeft === after.rangeLeft &&
  before.rangeRight === after.rangeRight &&
  before.onOpenCard === after.onOpenCard &&
  sameBusy(before.busy, after.busy) &&
  sameRow(before.row, after.row),
);

/**
 * The cell that was just activated from its preview: its control takes the focus at once, and
 * once the focus has left the cell for good the cell goes back to its preview.
 */
function LiveCell({ live, caret, onRelease, children }: { readonly live: boolean; readonly caret: number | null; readonly onRelease: () => void; readonly children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!live) return;
    const control = ref.current?.querySelector<HTMLElement>('input, textarea, select');
    control?.focus();
    if (control instanceof HTMLTextAreaElement || (control instanceof HTMLInputElement && control.type === 'text')) {
      const at = Math.min(caret ?? control.value.length, control.value.length);
      control.setSelectionRange(at, at);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caret is placed once, when the cell opens; later renders leave it to the person.
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
