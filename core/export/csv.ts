import Papa from 'papaparse/papaparse.js';
import type { CellValue, Column } from '../tables/index.ts';
import type { TableView } from '../schema/index.ts';
import { cellText } from './cell-text.ts';

/**
 * Text that a spreadsheet would run as a formula: `=`, `+`, `-`, `@`, tab or carriage return at
 * the start (OWASP's list). Papa's own `escapeFormulae: true` pattern is `/^[=+\-@\t\r].*$/`,
 * and since `.` stops at a newline it misses a multi-line cell such as "=HYPERLINK(…)\nnotes";
 * testing only the first character catches it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One table as CSV (RFC 4180): a header row of column titles, then one record per row, CRLF
 * between records, fields quoted only when they hold a comma, quote, line break or edge space.
 *
 * Cells read as in every other export (see `cellText`), with two differences for spreadsheets:
 * number and minutes cells are written as bare numbers so they sum (a minutes cell is `30`, the
 * column title says what unit), and any text (titles included) that a spreadsheet would run as a
 * formula gets a leading `'`, so `=SUM(A1)` arrives as the text `'=SUM(A1)` while the number -5
 * stays -5. Ratings are the same per-level summary as elsewhere ("Often: 2, Always: 1"): one
 * field per column keeps the header a plain list of titles, and a summary is what gets compared.
 */
export function exportCsv(table: TableView): string {
  if (table.columns.length === 0) return '';
  const header = table.columns.map((column) => column.title);
  const records = table.rows.map((row) =>
    table.columns.map((column) => csvField(row.cells[column.id], column)),
  );
  // Header and records as one list of arrays: with `{fields, data: []}` Papa writes a stray empty record.
  return Papa.unparse([header, ...records], {
    newline: '\r\n',
    quotes: false,
    escapeFormulae: FORMULA_START,
  });
}

/**
 * Records as CSV lines, each ending in CRLF, with the same formula guard as `exportCsv`: for
 * writing a long file piece by piece (the audit log), one batch of records at a time.
 */
export function csvRecords(records: readonly (readonly (string | number)[])[]): string {
  if (records.length === 0) return '';
  return `${Papa.unparse(records as (string | number)[][], { newline: '\r\n', quotes: false, escapeFormulae: FORMULA_START })}\r\n`;
}

function csvField(value: CellValue | undefined, column: Column): string | number {
  if ((value?.kind === 'number' || value?.kind === 'minutes') && value.value !== null)
    return value.value;
  return cellText(value, column);
}
