import type { DocumentView, TableView } from '../schema/index.ts';
import { isIsoDate, type CellValue, type Column } from '../tables/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../schema/section-ids.ts';

export type FollowUpField = keyof typeof NEXT_STEPS_COLUMNS;

export interface FollowUpSource {
  readonly documentId: string;
  readonly documentTitle: string;
}

/** One next-steps row, wherever it lives, as the follow-ups page lists it. */
export interface FollowUp extends FollowUpSource {
  readonly sectionId: string;
  readonly rowId: string;
  /** 1-based position in its own table, as the document shows it ("row 2"). */
  readonly rowNumber: number;
  readonly task: string;
  readonly owner: string;
  /** The district account the owner cell is linked to, when someone picked a person for it. */
  readonly ownerAccount?: string;
  /** `iso` is the deadline as a calendar date when it is one; free text ("End of May") keeps `iso` null. */
  readonly deadline: { readonly iso: string | null; readonly text: string };
  readonly done: boolean;
  /**
   * The columns this row can be edited through, by field: absent when the table lacks the column
   * or it has another kind (a document from another version, or a column someone deleted).
   */
  readonly columns: Partial<Readonly<Record<FollowUpField, Column>>>;
}

const EXPECTED_KINDS: Readonly<Record<FollowUpField, readonly Column['kind'][]>> = {
  task: ['text', 'person'],
  owner: ['person', 'text'],
  deadline: ['date'],
  done: ['checkbox'],
};

function textOf(cell: CellValue | undefined): string {
  if (cell === undefined) return '';
  return cell.kind === 'text' || cell.kind === 'person' || cell.kind === 'date' ? cell.text : '';
}

function deadlineOf(cell: CellValue | undefined): FollowUp['deadline'] {
  const text = textOf(cell);
  const trimmed = text.trim();
  return { iso: isIsoDate(trimmed) ? trimmed : null, text };
}

/** The next-steps rows of one table; a table with missing or odd columns still yields what it can. */
export function collectFromTable(table: TableView | null, source: FollowUpSource): FollowUp[] {
  if (table === null) return [];
  const columns: Partial<Record<FollowUpField, Column>> = {};
  for (const field of Object.keys(NEXT_STEPS_COLUMNS) as FollowUpField[]) {
    const column = table.columns.find((candidate) => candidate.id === NEXT_STEPS_COLUMNS[field]);
    if (column !== undefined && EXPECTED_KINDS[field].includes(column.kind))
      columns[field] = column;
  }
  return table.rows.map((row, index) => {
    const cell = (field: FollowUpField): CellValue | undefined =>
      columns[field] === undefined ? undefined : row.cells[NEXT_STEPS_COLUMNS[field]];
    const done = cell('done');
    const owner = cell('owner');
    const ownerAccount = owner?.kind === 'person' ? owner.account : undefined;
    return {
      documentId: source.documentId,
      documentTitle: source.documentTitle,
      sectionId: table.id,
      rowId: row.id,
      rowNumber: index + 1,
      task: textOf(cell('task')),
      owner: textOf(owner),
      ...(ownerAccount !== undefined && { ownerAccount }),
      deadline: deadlineOf(cell('deadline')),
      done: done?.kind === 'checkbox' && done.checked,
      columns,
    };
  });
}

/** The next-steps rows of a whole document read with `readDocument`. */
export function collectFollowUps(view: DocumentView, source: FollowUpSource): FollowUp[] {
  const section = view.sections.find((candidate) => candidate.id === NEXT_STEPS_SECTION_ID);
  return section?.kind === 'table' ? collectFromTable(section.table, source) : [];
}
