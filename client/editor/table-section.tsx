import {
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
} from 'react';
import { flushSync } from 'react-dom';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Participant } from '../sync/user-identity.ts';
import { addRow, type TableView } from '#core/schema';
import { columnWidth, type Column } from '#core/tables';
import type { PresentPerson } from '../sync/use-presence.ts';
import { AddColumnForm } from './add-column-form.tsx';
import './cells/cell-preview.css';
import { ColumnHeader } from './column-header.tsx';
import { RowCard } from './row-card.tsx';
import './table-section.css';
import { cellFlagsOf, NO_FLAGS } from './cell-flags.ts';
import { rangeBounds, useGridClipboard } from './use-grid-clipboard.ts';
import { useGridKeyboard } from './use-grid-keyboard.ts';
import type { ActiveCell } from './active-cell.ts';
import { useRowDeletions } from './use-row-deletions.ts';
import { REVEAL_ROW_EVENT, useRowWindow, WINDOWED_FROM_ROWS } from './use-row-window.ts';
import { busyCells, TableRow } from './table-row.tsx';

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
export const TableSection = memo(function TableSection({
  doc,
  table,
  headingId,
  readOnly,
  awareness,
  people,
  participant,
}: TableSectionProps) {
  const descriptionId = useId();
  const columns = useStableColumns(table.columns);
  const [active, setActive] = useState<ActiveCell | null>(null);
  const release = useCallback(
    (cell: ActiveCell) =>
      setActive((current) =>
        current?.rowId === cell.rowId && current.columnId === cell.columnId ? null : current,
      ),
    [],
  );
  const { deleteRowOf, deleted, undoDelete, undoRef } = useRowDeletions(doc, table.id);
  const clipboard = useGridClipboard(doc, table, readOnly);
  const range = clipboard.range === null ? null : rangeBounds(clipboard.range);
  const flags = useMemo(() => cellFlagsOf(table), [table]);
  const grid = useGridKeyboard({ columns, readOnly, active, release, clipboard });
  const [cardRow, setCardRow] = useState<string | null>(null);
  const cardIndex = cardRow === null ? -1 : table.rows.findIndex((row) => row.id === cardRow);
  // A column being dragged draws at its new width here before the document has it.
  const [dragged, setDragged] = useState<{
    readonly columnId: string;
    readonly width: number;
  } | null>(null);
  const widths = table.columns.map((column) =>
    dragged?.columnId === column.id ? dragged.width : columnWidth(column),
  );
  const tableWidth = widths.reduce((sum, width) => sum + width, readOnly ? 0 : ROW_ACTIONS_PX);
  const stretchIndex = table.columns.findLastIndex(
    (column) => column.kind === 'text' && column.width === undefined,
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  // The row holding the focus, and a row just added (about to take it), stay mounted wherever the table is scrolled.
  const [focusedRowId, setFocusedRowId] = useState<string | null>(null);
  const [addedRowId, setAddedRowId] = useState<string | null>(null);
  // A row asked for from outside the table (the data view's "numbers to check").
  const [revealedRowId, setRevealedRowId] = useState<string | null>(null);
  useEffect(() => {
    const section = scrollRef.current?.closest('section');
    if (section == null) return;
    const reveal = (event: Event): void =>
      flushSync(() => setRevealedRowId((event as CustomEvent<string>).detail));
    section.addEventListener(REVEAL_ROW_EVENT, reveal);
    return () => section.removeEventListener(REVEAL_ROW_EVENT, reveal);
  }, []);
  const rowIds = useMemo(() => table.rows.map((row) => row.id), [table.rows]);
  const keepRowIds = useMemo(
    () =>
      [active?.rowId, focusedRowId, addedRowId, revealedRowId].filter(
        (id): id is string => id != null,
      ),
    [active?.rowId, focusedRowId, addedRowId, revealedRowId],
  );
  const rowWindow = useRowWindow({ scrollRef, rowIds, keepRowIds });
  const noteFocusedRow = (event: FocusEvent<HTMLTableElement>): void => {
    const rowId = (event.target as HTMLElement).closest<HTMLElement>('tr[data-row-id]')?.dataset
      .rowId;
    if (rowId !== undefined) setFocusedRowId(rowId);
  };

  return (
    <div
      className={
        table.rows.length > WINDOWED_FROM_ROWS ? 'table-section table-long' : 'table-section'
      }
    >
      {table.description !== '' && (
        <p id={descriptionId} className="section-description">
          {table.description}
        </p>
      )}
      <div
        ref={scrollRef}
        className="table-scroll"
        role="region"
        aria-labelledby={headingId}
        tabIndex={0}
      >
        <table
          ref={grid.tableRef}
          onFocus={noteFocusedRow}
          aria-rowcount={table.rows.length + 1}
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
              <col
                key={table.columns[index]!.id}
                style={index === stretchIndex ? undefined : { width: `${width}px` }}
              />
            ))}
            {!readOnly && <col style={{ width: `${ROW_ACTIONS_PX}px` }} />}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {table.columns.map((column, index) => (
                <ColumnHeader
                  key={column.id}
                  doc={doc}
                  sectionId={table.id}
                  column={column}
                  width={widths[index]!}
                  resizable={!readOnly}
                  onPreviewWidth={(width) =>
                    setDragged(width === null ? null : { columnId: column.id, width })
                  }
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
            {rowWindow.slots.map((slot) => {
              if (slot.kind === 'gap')
                return (
                  <tr
                    key={slot.key}
                    className="rows-not-shown"
                    aria-hidden="true"
                    style={{ height: `${slot.height}px` }}
                  />
                );
              const { index } = slot;
              const row = table.rows[index]!;
              return (
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
                  rangeLeft={
                    range !== null && index >= range.top && index <= range.bottom ? range.left : -1
                  }
                  rangeRight={
                    range !== null && index >= range.top && index <= range.bottom ? range.right : -1
                  }
                  onOpenCard={setCardRow}
                  measureRef={rowWindow.measureRow}
                />
              );
            })}
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
              if (!created.ok) return;
              setAddedRowId(created.id);
              grid.focusWhenShown({ rowId: created.id, columnId: null, intent: 'edit' });
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
  if (previous.current === null || previous.current.key !== key)
    previous.current = { key, columns };
  return previous.current.columns;
}
