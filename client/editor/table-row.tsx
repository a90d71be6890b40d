import { memo, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Participant } from '../sync/user-identity.ts';
import { moveRow, type RowView } from '#core/schema';
import type { Column } from '#core/tables';
import { publishCellFocus, type PresentPerson } from '../sync/use-presence.ts';
import { CellEditor } from './cells/cell-editor.tsx';
import { CellPreview, previewsAsText } from './cells/cell-preview.tsx';
import { sameRow } from '#core/schema/same-cell';
import { sameFlags } from './cell-flags.ts';
import type { ActiveCell } from './active-cell.ts';

/** Who else is in each cell of a row, as "columnId → people"; a stable empty value when nobody is. */
const NOBODY: ReadonlyMap<string, readonly PresentPerson[]> = new Map();
export function busyCells(
  people: readonly PresentPerson[],
  sectionId: string,
  rowId: string,
): ReadonlyMap<string, readonly PresentPerson[]> {
  let busy: Map<string, PresentPerson[]> | null = null;
  for (const person of people) {
    if (person.isMe || person.cell?.sectionId !== sectionId || person.cell.rowId !== rowId)
      continue;
    busy ??= new Map();
    const list = busy.get(person.cell.columnId) ?? [];
    list.push(person);
    busy.set(person.cell.columnId, list);
  }
  return busy ?? NOBODY;
}

function sameBusy(
  a: ReadonlyMap<string, readonly PresentPerson[]>,
  b: ReadonlyMap<string, readonly PresentPerson[]>,
): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [column, people] of a) {
    const other = b.get(column);
    if (
      other === undefined ||
      other.length !== people.length ||
      people.some(
        (person, index) =>
          person.clientId !== other[index]!.clientId || person.name !== other[index]!.name,
      )
    )
      return false;
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
  /** Tells a long table's row window this row's height (see use-row-window.ts). */
  readonly measureRef: (row: HTMLTableRowElement | null) => void;
}

/** One row; it renders again only when its own cells, position or presence change. */
export const TableRow = memo(
  function TableRow({
    doc,
    sectionId,
    columns,
    row,
    index,
    rowCount,
    readOnly,
    awareness,
    busy,
    participant,
    activeColumn,
    activeCaret,
    onActivate,
    onRelease,
    onDeleteRow,
    flags,
    rangeLeft,
    rangeRight,
    onOpenCard,
    measureRef,
  }: TableRowProps) {
    return (
      // aria-rowindex counts the header row, and tells a screen reader where a row is when the rows around it are not mounted.
      <tr
        ref={measureRef}
        data-row={index}
        data-index={index}
        data-row-id={row.id}
        aria-rowindex={index + 2}
      >
        {columns.map((column, columnIndex) => {
          const others = busy.get(column.id) ?? [];
          const address = { sectionId, rowId: row.id, columnId: column.id };
          const flag = flags.get(column.id);
          const flagId =
            flag === undefined ? undefined : `flag-${sectionId}-${row.id}-${column.id}`;
          const classes = `cell cell-kind-${column.kind}${others.length > 0 ? ' cell-busy' : ''}${columnIndex >= rangeLeft && columnIndex <= rangeRight ? ' cell-in-range' : ''}${flag !== undefined ? ' cell-flagged' : ''}`;
          return (
            <td
              key={column.id}
              data-col={columnIndex}
              className={classes}
              data-label={column.title}
              title={flag}
              style={others.length > 0 ? { outlineColor: others[0]!.color } : undefined}
            >
              {!readOnly && previewsAsText(column) && activeColumn !== column.id ? (
                <CellPreview
                  column={column}
                  value={row.cells[column.id]}
                  label={`${column.title}, row ${index + 1}`}
                  describedBy={flagId}
                  onActivate={(caret) => onActivate({ rowId: row.id, columnId: column.id, caret })}
                />
              ) : (
                <LiveCell
                  live={!readOnly && previewsAsText(column)}
                  caret={activeCaret}
                  onRelease={() => onRelease({ rowId: row.id, columnId: column.id })}
                >
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
                  <span id={flagId} className="visually-hidden">
                    Check: {flag}
                  </span>
                </span>
              )}
              {others.length > 0 && (
                <span className="cell-presence" style={{ backgroundColor: others[0]!.color }}>
                  {others.map((person) => person.name).join(', ')}{' '}
                  {others.length === 1 ? 'is' : 'are'} editing
                </span>
              )}
            </td>
          );
        })}
        {!readOnly && (
          <td className="row-actions">
            <button
              type="button"
              className="icon-button row-open"
              aria-label={`Open row ${index + 1} as a card`}
              onClick={() => onOpenCard(row.id)}
            >
              ⤢
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move row ${index + 1} up`}
              disabled={index === 0}
              onClick={() => moveRow(doc, sectionId, row.id, index - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Move row ${index + 1} down`}
              disabled={index === rowCount - 1}
              onClick={() => moveRow(doc, sectionId, row.id, index + 1)}
            >
              ↓
            </button>
            <button
              type="button"
              className="icon-button danger"
              aria-label={`Delete row ${index + 1}`}
              onClick={() => onDeleteRow(row.id, index + 1)}
            >
              ✕
            </button>
          </td>
        )}
      </tr>
    );
  },
  (before, after) =>
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
    before.measureRef === after.measureRef &&
    sameBusy(before.busy, after.busy) &&
    sameRow(before.row, after.row),
);

/**
 * The cell that was just activated from its preview: its control takes the focus at once, and
 * once the focus has left the cell for good the cell goes back to its preview.
 */
function LiveCell({
  live,
  caret,
  onRelease,
  children,
}: {
  readonly live: boolean;
  readonly caret: number | null;
  readonly onRelease: () => void;
  readonly children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!live) return;
    const control = ref.current?.querySelector<HTMLElement>('input, textarea, select');
    control?.focus();
    if (
      control instanceof HTMLTextAreaElement ||
      (control instanceof HTMLInputElement && control.type === 'text')
    ) {
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
        // A cell no longer in the page was released already; on a busy page this timer can run
        // after the next keys, when the same cell may be open again in a new element.
        setTimeout(() => {
          if (cell.isConnected && !cell.contains(document.activeElement) && document.hasFocus())
            onRelease();
        }, 0);
      }}
    >
      {children}
    </div>
  );
}
