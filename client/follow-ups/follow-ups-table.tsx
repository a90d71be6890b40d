import { memo, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { isOverdue, type FollowUp, type FollowUpField } from '#core/follow-ups';
import type { CellValue } from '#core/tables';
import { CellEditor } from '../editor/cells/cell-editor.tsx';
import type { DocumentSession } from '../sync/document-session.ts';
import { rememberDocumentWorkspace } from '../sync/device-store.ts';

/** Next steps have no rating columns, so no participant answers here. */
const NO_RATINGS_HERE = { id: '', formerKey: null } as const;

interface FollowUpsTableProps {
  readonly workspaceName: string;
  readonly workspaceId: string;
  /** What the filters let through, sorted. */
  readonly rows: readonly FollowUp[];
  /** Every row of every document, so a row held in place stays even once the filters would hide it. */
  readonly allRows: readonly FollowUp[];
  readonly sessions: ReadonlyMap<string, DocumentSession>;
  readonly today: string;
  readonly readOnly: boolean;
  /** Told how many rows are on screen (held rows included) whenever that changes. */
  readonly onShownCount?: (count: number) => void;
}

const rowKey = (row: FollowUp): string => `${row.documentId}/${row.rowId}`;

/**
 * While focus is in the table the rows hold their places: re-sorting under someone typing a
 * deadline, or hiding the row whose owner they are retyping, would move the field from under
 * their fingers. The list settles when they leave the table.
 */
function useHeldOrder(
  rows: readonly FollowUp[],
  allRows: readonly FollowUp[],
): { shown: readonly FollowUp[]; hold: () => void; release: () => void } {
  const [held, setHeld] = useState<readonly string[] | null>(null);
  const latest = useRef(rows);
  latest.current = rows;
  if (held === null)
    return { shown: rows, hold: () => setHeld(latest.current.map(rowKey)), release: () => {} };
  const all = new Map(allRows.map((row) => [rowKey(row), row]));
  const heldSet = new Set(held);
  const shown = [
    ...held.map((key) => all.get(key)).filter((row): row is FollowUp => row !== undefined),
    ...rows.filter((row) => !heldSet.has(rowKey(row))),
  ];
  return { shown, hold: () => {}, release: () => setHeld(null) };
}

export function FollowUpsTable({
  workspaceName,
  workspaceId,
  rows,
  allRows,
  sessions,
  today,
  readOnly,
  onShownCount,
}: FollowUpsTableProps) {
  const { shown, hold, release } = useHeldOrder(rows, allRows);
  // Rows held in place while someone edits may be more than the filter's: the summary counts what is on screen.
  useEffect(() => onShownCount?.(shown.length), [shown.length, onShownCount]);
  return (
    <div
      className="table-scroll follow-ups-scroll"
      role="region"
      aria-label={`Follow-ups in ${workspaceName}`}
      tabIndex={0}
    >
      <table className="follow-ups-table">
        <caption>
          Follow-ups in {workspaceName}, earliest deadline first; deadlines that are not calendar
          dates come last
        </caption>
        <thead>
          <tr>
            <th scope="col">Deadline</th>
            <th scope="col">Task</th>
            <th scope="col">Owner</th>
            <th scope="col">Done</th>
            <th scope="col">Document</th>
          </tr>
        </thead>
        <tbody
          onFocus={hold}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) release();
          }}
        >
          {shown.map((row) => {
            const session = sessions.get(row.documentId);
            return session === undefined ? null : (
              <FollowUpRow
                key={rowKey(row)}
                row={row}
                session={session}
                overdue={isOverdue(row, today)}
                readOnly={readOnly}
                workspaceId={workspaceId}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface FollowUpRowProps {
  readonly row: FollowUp;
  readonly session: DocumentSession;
  readonly overdue: boolean;
  readonly readOnly: boolean;
  readonly workspaceId: string;
}

const FIELD_TITLES: Readonly<Record<FollowUpField, string>> = {
  task: 'Task',
  owner: 'Owner',
  deadline: 'Deadline',
  done: 'Done',
};

/** The row's value for one field, as the cell editors take it. */
function cellValue(row: FollowUp, field: FollowUpField): CellValue {
  switch (field) {
    case 'task':
      return { kind: row.columns.task?.kind === 'person' ? 'person' : 'text', text: row.task };
    case 'owner':
      return row.columns.owner?.kind === 'person'
        ? { kind: 'person', text: row.owner, account: row.ownerAccount }
        : { kind: 'text', text: row.owner };
    case 'deadline':
      return { kind: 'date', iso: row.deadline.iso, text: row.deadline.text };
    case 'done':
      return { kind: 'checkbox', checked: row.done };
  }
}

const FollowUpRow = memo(function FollowUpRow({
  row,
  session,
  overdue,
  readOnly,
  workspaceId,
}: FollowUpRowProps) {
  const cell = (field: FollowUpField) => {
    const column = row.columns[field];
    if (column === undefined) {
      // The table lost this column, or a newer version changed its kind: nothing to edit here.
      return (
        <span className="follow-up-missing">
          <span aria-hidden="true">—</span>
          <span className="visually-hidden">not in this document</span>
        </span>
      );
    }
    return (
      <CellEditor
        doc={session.doc}
        address={{ sectionId: row.sectionId, rowId: row.rowId, columnId: column.id }}
        column={column}
        value={cellValue(row, field)}
        label={`${FIELD_TITLES[field]}, ${row.documentTitle}, row ${row.rowNumber}`}
        readOnly={readOnly}
        participant={NO_RATINGS_HERE}
        onFocus={() => {}}
        onBlur={() => {}}
      />
    );
  };
  return (
    <tr className={overdue ? 'follow-up overdue' : row.done ? 'follow-up done' : 'follow-up'}>
      <td className="follow-up-deadline">
        {cell('deadline')}
        {overdue && (
          <strong className="overdue-flag">
            <span aria-hidden="true">⚠ </span>Overdue
          </strong>
        )}
      </td>
      <td className="follow-up-task">{cell('task')}</td>
      <td className="follow-up-owner">{cell('owner')}</td>
      <td className="follow-up-done">{cell('done')}</td>
      <td className="follow-up-document">
        <Link
          href={`/d/${row.documentId}#section-${row.sectionId}`}
          onClick={() => rememberDocumentWorkspace(row.documentId, workspaceId)}
        >
          {row.documentTitle}
        </Link>
        <span className="follow-up-row-number">, row {row.rowNumber}</span>
      </td>
    </tr>
  );
});
