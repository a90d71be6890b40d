import * as Y from 'yjs';
import { normalizeCellInput, type CellInput } from '../tables/cell-values.ts';
import { isTextKind, type Column, type ColumnSpec } from '../tables/column-kinds.ts';
import {
  appendOption,
  closeRatingColumn,
  insertColumn,
  readColumns,
  writeColumnTitle,
  writeColumnWidth,
} from './columns.ts';
import { createId } from './ids.ts';
import {
  deleteEntry,
  findEntry,
  insertEntry,
  moveEntry,
  readOrderedEntries,
  type Entry,
} from './ordered-list.ts';
import {
  applied,
  describeType,
  invalid,
  notFound,
  type Applied,
  type Failure,
  type Problem,
  type Read,
} from './problems.ts';
import { RowReads, type RowView } from './row-reads.ts';
import {
  addTextCellToRows,
  removeColumnFromRows,
  writeCellValue,
  writeRowContent,
} from './rows.ts';
import { findSection, insertSection, readSectionTitle, type SectionPlacement } from './sections.ts';

const DESCRIPTION = 'description';
const COLUMNS = 'columns';
const ROWS = 'rows';

export interface RowInit {
  readonly id?: string;
  /** Cell values by column id, as `setCell` accepts them. */
  readonly values?: Readonly<Record<string, CellInput>>;
}

export interface TableSectionInit extends SectionPlacement {
  /** Instructions shown above the table, e.g. the toolkit's guiding questions. */
  readonly description?: string;
  readonly columns: readonly ColumnSpec[];
  readonly rows?: readonly RowInit[];
}

export type { RowView } from './row-reads.ts';

export interface TableView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly columns: readonly Column[];
  readonly rows: readonly RowView[];
}

export type Created = { readonly ok: true; readonly id: string } | Failure;

// Sections

export function addTableSection(doc: Y.Doc, init: TableSectionInit): string {
  let id = '';
  doc.transact(() => {
    const section = insertSection(doc, 'table', init);
    id = section.id;
    section.map.set(DESCRIPTION, init.description ?? '');
    const columns = new Y.Array<unknown>();
    section.map.set(COLUMNS, columns);
    section.map.set(ROWS, new Y.Array<unknown>());
    init.columns.forEach((spec, index) =>
      insertColumn(columns, spec, index, readOrderedEntries(columns, '', [])),
    );
    for (const row of init.rows ?? []) {
      const added = addRow(doc, id, row);
      if (!added.ok)
        throw new Error(`template row for table "${init.title}" is invalid: ${added.message}`);
    }
  });
  return id;
}

export function tableParts(
  doc: Y.Doc,
  sectionId: string,
): { section: Entry; columns: Y.Array<unknown>; rows: Y.Array<unknown> } | null {
  const section = findSection(doc, sectionId, 'table');
  if (section === null) return null;
  const columns = section.get(COLUMNS);
  const rows = section.get(ROWS);
  if (!(columns instanceof Y.Array) || !(rows instanceof Y.Array)) return null;
  return { section, columns, rows };
}

export function readTable(doc: Y.Doc, sectionId: string): Read<TableView> | null {
  const section = findSection(doc, sectionId, 'table');
  if (section === null) return null;
  const problems: Problem[] = [];
  return {
    value: readTableContent(section, sectionId, readSectionTitle(section), problems),
    problems,
  };
}

/** Reads a table section's content; `rowReads` keeps rows between reads (see RowReads). */
export function readTableContent(
  section: Entry,
  id: string,
  title: string,
  problems: Problem[],
  rowReads: RowReads = new RowReads(),
): TableView {
  const path = `sections[${id}]`;
  const description = section.get(DESCRIPTION);
  const columns = readColumns(section.get(COLUMNS), `${path}.columns`, problems);
  const columnIds = new Set(columns.map((column) => column.id));
  for (const column of columns) {
    if (column.kind !== 'rate') continue;
    for (const input of [column.numerator, column.denominator]) {
      if (!columnIds.has(input)) {
        problems.push({
          path: `${path}.columns[${column.id}]`,
          code: 'dangling-reference',
          message: `rate "${column.title}" uses a column that no longer exists; shown empty`,
        });
      }
    }
  }
  const rowsArray = section.get(ROWS);
  let rows: RowView[] = [];
  if (rowsArray instanceof Y.Array) {
    const entries = readOrderedEntries(rowsArray, `${path}.rows`, problems);
    rows = rowReads.readRows(entries, columns, `${path}.rows`, problems);
  } else {
    problems.push({
      path: `${path}.rows`,
      code: rowsArray === undefined ? 'missing' : 'wrong-type',
      message: `table rows should be a list, found ${describeType(rowsArray)}`,
    });
  }
  return {
    id,
    title,
    description: typeof description === 'string' ? description : '',
    columns,
    rows,
  };
}

// Columns

export function addColumn(
  doc: Y.Doc,
  sectionId: string,
  spec: ColumnSpec,
  index?: number,
): Created {
  const parts = tableParts(doc, sectionId);
  if (parts === null) return notFound(`table ${sectionId} no longer exists`);
  let id = '';
  doc.transact(() => {
    const sorted = readOrderedEntries(parts.columns, '', []);
    const column = insertColumn(parts.columns, spec, index ?? sorted.length, sorted);
    id = column.id;
    if (isTextKind(column.kind as Exclude<Column['kind'], 'unknown'>))
      addTextCellToRows(rowEntries(parts.rows), id);
  });
  return { ok: true, id };
}

export function renameColumn(
  doc: Y.Doc,
  sectionId: string,
  columnId: string,
  title: string,
): Applied {
  const column = findColumnEntry(doc, sectionId, columnId);
  if (column === null) return notFound(`column ${columnId} no longer exists`);
  writeColumnTitle(column, title);
  return applied;
}

/**
 * Sets the width everyone sees a column at (CSS pixels, clamped), as one change; null goes back
 * to the width its kind suggests. Last writer wins, as for any single value.
 */
export function resizeColumn(
  doc: Y.Doc,
  sectionId: string,
  columnId: string,
  width: number | null,
): Applied {
  const column = findColumnEntry(doc, sectionId, columnId);
  if (column === null) return notFound(`column ${columnId} no longer exists`);
  doc.transact(() => writeColumnWidth(column, width));
  return applied;
}

/** Ends a round of a rubric: the rating column's answers stay, and `setRating` refuses new ones. */
export function closeRatingRound(doc: Y.Doc, sectionId: string, columnId: string): Applied {
  const column = findColumnEntry(doc, sectionId, columnId);
  if (column === null) return notFound(`column ${columnId} no longer exists`);
  if (column.get('kind') !== 'rating') return invalid('only a rating column is a round');
  closeRatingColumn(column);
  return applied;
}

export function addChoiceOption(
  doc: Y.Doc,
  sectionId: string,
  columnId: string,
  label: string,
): Created {
  const column = findColumnEntry(doc, sectionId, columnId);
  if (column === null) return notFound(`column ${columnId} no longer exists`);
  const id = appendOption(column, label);
  return id === null ? invalid('this column has no choices to add to') : { ok: true, id };
}

export function deleteColumn(doc: Y.Doc, sectionId: string, columnId: string): Applied {
  const parts = tableParts(doc, sectionId);
  if (parts === null) return notFound(`table ${sectionId} no longer exists`);
  let deleted = false;
  doc.transact(() => {
    deleted = deleteEntry(parts.columns, columnId);
    if (deleted) removeColumnFromRows(rowEntries(parts.rows), columnId);
  });
  return deleted ? applied : notFound(`column ${columnId} no longer exists`);
}

function findColumnEntry(doc: Y.Doc, sectionId: string, columnId: string): Entry | null {
  const parts = tableParts(doc, sectionId);
  return parts === null ? null : (findEntry(parts.columns, columnId)?.map ?? null);
}

function rowEntries(rows: Y.Array<unknown>): Entry[] {
  return rows.toArray().filter((row): row is Entry => row instanceof Y.Map);
}

// Rows

export function addRow(
  doc: Y.Doc,
  sectionId: string,
  init: RowInit & { readonly index?: number } = {},
): Created {
  const parts = tableParts(doc, sectionId);
  if (parts === null) return notFound(`table ${sectionId} no longer exists`);
  const columns = readColumns(parts.columns, '', []);
  const byId = new Map(columns.map((column) => [column.id, column]));
  const values = Object.entries(init.values ?? {});
  for (const [columnId, input] of values) {
    const column = byId.get(columnId);
    if (column === undefined) return notFound(`column ${columnId} does not exist`);
    const checked = normalizeCellInput(column, input);
    if (!checked.ok) return invalid(checked.message);
  }
  const id = init.id ?? createId();
  doc.transact(() => {
    const sorted = readOrderedEntries(parts.rows, '', []);
    const row = insertEntry(parts.rows, id, init.index ?? sorted.length, sorted);
    writeRowContent(row, columns);
    for (const [columnId, input] of values) writeCellValue(row, byId.get(columnId)!, input);
  });
  return { ok: true, id };
}

export function deleteRow(doc: Y.Doc, sectionId: string, rowId: string): Applied {
  const parts = tableParts(doc, sectionId);
  if (parts === null) return notFound(`table ${sectionId} no longer exists`);
  return deleteEntry(parts.rows, rowId) ? applied : notFound(`row ${rowId} no longer exists`);
}

export function moveRow(doc: Y.Doc, sectionId: string, rowId: string, toIndex: number): Applied {
  const parts = tableParts(doc, sectionId);
  const row = parts === null ? null : findEntry(parts.rows, rowId);
  if (parts === null || row === null) return notFound(`row ${rowId} no longer exists`);
  const others = readOrderedEntries(parts.rows, '', []).filter((entry) => entry.id !== rowId);
  moveEntry(row.map, toIndex, others);
  return applied;
}
