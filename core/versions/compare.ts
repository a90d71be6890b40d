import type { DocumentView, RowView, SectionView, TableView } from '../schema/index.ts';
import type { Column } from '../tables/index.ts';

/**
 * What changed between two states of a document (usually a saved version and the document now),
 * in the words a person reviewing history uses: sections added, removed, renamed or edited; table
 * rows added, removed or changed, and in which columns. Sections, rows and columns are matched
 * by id, so a renamed section or a moved row is the same one, not a removal and an addition.
 */
export interface DocumentChanges {
  /** Set when the document title differs. */
  readonly title: { readonly before: string; readonly after: string } | null;
  /** True when sections both states share appear in a different order. */
  readonly sectionsReordered: boolean;
  /** In the order of `after`, with removed sections last. */
  readonly sections: readonly SectionChange[];
}

export type SectionChange =
  | { readonly change: 'added'; readonly id: string; readonly title: string }
  | { readonly change: 'removed'; readonly id: string; readonly title: string }
  | {
      readonly change: 'changed';
      readonly id: string;
      readonly title: string;
      /** The title before, when the section was renamed; null otherwise. */
      readonly renamedFrom: string | null;
      /** A note's text or formatting, or a table's instructions, differ. */
      readonly contentChanged: boolean;
      readonly columns: ColumnChanges;
      readonly rows: readonly RowChange[];
    };

export interface ColumnChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
}

export interface RowChange {
  readonly change: 'added' | 'removed' | 'changed';
  readonly id: string;
  /** The row's first non-empty text, to name it for a person ("Clearly assign…"), else its position. */
  readonly label: string;
  /** For a changed row: the titles of the columns whose cells differ. */
  readonly columns: readonly string[];
}

/** Changes that turn `before` into `after`. */
export function compareDocuments(before: DocumentView, after: DocumentView): DocumentChanges {
  const beforeById = new Map(before.sections.map((section) => [section.id, section]));
  const afterIds = new Set(after.sections.map((section) => section.id));
  const sections: SectionChange[] = [];
  for (const section of after.sections) {
    const previous = beforeById.get(section.id);
    if (previous === undefined)
      sections.push({ change: 'added', id: section.id, title: section.title });
    else {
      const change = compareSection(previous, section);
      if (change !== null) sections.push(change);
    }
  }
  for (const section of before.sections) {
    if (!afterIds.has(section.id))
      sections.push({ change: 'removed', id: section.id, title: section.title });
  }
  const sharedBefore = before.sections
    .filter((section) => afterIds.has(section.id))
    .map((section) => section.id);
  const sharedAfter = after.sections
    .filter((section) => beforeById.has(section.id))
    .map((section) => section.id);
  return {
    title:
      before.meta.title === after.meta.title
        ? null
        : { before: before.meta.title, after: after.meta.title },
    sectionsReordered: sharedBefore.some((id, index) => sharedAfter[index] !== id),
    sections,
  };
}

/** True when nothing differs. */
export function isUnchanged(changes: DocumentChanges): boolean {
  return changes.title === null && !changes.sectionsReordered && changes.sections.length === 0;
}

const NO_COLUMN_CHANGES: ColumnChanges = { added: [], removed: [], renamed: [] };

function compareSection(before: SectionView, after: SectionView): SectionChange | null {
  const renamedFrom = before.title === after.title ? null : before.title;
  let contentChanged = before.kind !== after.kind;
  let columns = NO_COLUMN_CHANGES;
  let rows: RowChange[] = [];
  if (before.kind === 'note' && after.kind === 'note') {
    contentChanged = JSON.stringify(before.blocks) !== JSON.stringify(after.blocks);
  } else if (before.kind === 'table' && after.kind === 'table') {
    contentChanged = before.table.description !== after.table.description;
    columns = compareColumns(before.table.columns, after.table.columns);
    rows = compareRows(before.table, after.table);
  }
  const columnsChanged = columns.added.length + columns.removed.length + columns.renamed.length > 0;
  if (renamedFrom === null && !contentChanged && !columnsChanged && rows.length === 0) return null;
  return {
    change: 'changed',
    id: after.id,
    title: after.title,
    renamedFrom,
    contentChanged,
    columns,
    rows,
  };
}

function compareColumns(before: readonly Column[], after: readonly Column[]): ColumnChanges {
  const beforeById = new Map(before.map((column) => [column.id, column]));
  const afterIds = new Set(after.map((column) => column.id));
  return {
    added: after.filter((column) => !beforeById.has(column.id)).map((column) => column.title),
    removed: before.filter((column) => !afterIds.has(column.id)).map((column) => column.title),
    renamed: after.flatMap((column) => {
      const previous = beforeById.get(column.id);
      return previous !== undefined && previous.title !== column.title
        ? [{ from: previous.title, to: column.title }]
        : [];
    }),
  };
}

function compareRows(before: TableView, after: TableView): RowChange[] {
  const beforeById = new Map(before.rows.map((row) => [row.id, row]));
  const afterIds = new Set(after.rows.map((row) => row.id));
  // Cells are compared in the columns both states have; a computed rate follows its inputs, so it is not listed again.
  const shared = after.columns.filter(
    (column) => column.kind !== 'rate' && before.columns.some((other) => other.id === column.id),
  );
  const changes: RowChange[] = [];
  after.rows.forEach((row, index) => {
    const previous = beforeById.get(row.id);
    if (previous === undefined) {
      changes.push({
        change: 'added',
        id: row.id,
        label: rowLabel(row, after.columns, index),
        columns: [],
      });
      return;
    }
    const differing = shared.filter(
      (column) =>
        JSON.stringify(previous.cells[column.id]) !== JSON.stringify(row.cells[column.id]),
    );
    if (differing.length > 0) {
      changes.push({
        change: 'changed',
        id: row.id,
        label: rowLabel(row, after.columns, index),
        columns: differing.map((column) => column.title),
      });
    }
  });
  before.rows.forEach((row, index) => {
    if (!afterIds.has(row.id))
      changes.push({
        change: 'removed',
        id: row.id,
        label: rowLabel(row, before.columns, index),
        columns: [],
      });
  });
  return changes;
}

const LABEL_LENGTH = 60;

function rowLabel(row: RowView, columns: readonly Column[], index: number): string {
  for (const column of columns) {
    const cell = row.cells[column.id];
    if (cell !== undefined && (cell.kind === 'text' || cell.kind === 'person')) {
      const text = cell.text.replace(/\s+/g, ' ').trim();
      if (text !== '')
        return text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text;
    }
  }
  return `Row ${index + 1}`;
}
