import type { DocumentView, SectionView } from '../schema/document.ts';
import type { RowView, TableView } from '../schema/table.ts';
import { showCount, showRate } from '../metrics/suppression.ts';
import { COUNT_KEYS } from '../metrics/validation.ts';
import type { CellValue } from '../tables/cell-values.ts';
import { METRICS_COLUMNS, METRICS_SECTION_ID } from '../templates/data-review-columns.ts';

const COUNT_COLUMN_IDS = new Set<string>(COUNT_KEYS.map((key) => METRICS_COLUMNS[key]));

function numberOf(cell: CellValue | undefined): number | null {
  return cell?.kind === 'number' ? cell.value : null;
}

function suppressRow(row: RowView, table: TableView, threshold: number): RowView {
  const cells: Record<string, CellValue> = { ...row.cells };
  for (const column of table.columns) {
    const cell = row.cells[column.id];
    if (COUNT_COLUMN_IDS.has(column.id) && cell?.kind === 'number') {
      const shown = showCount(cell.value, threshold);
      if (shown.kind === 'suppressed') cells[column.id] = { kind: 'text', text: shown.text };
    } else if (column.kind === 'rate' && COUNT_COLUMN_IDS.has(column.numerator) && COUNT_COLUMN_IDS.has(column.denominator)) {
      const shown = showRate(numberOf(row.cells[column.numerator]), numberOf(row.cells[column.denominator]), threshold);
      if (shown.kind === 'suppressed') cells[column.id] = { kind: 'text', text: shown.text };
    }
  }
  return { ...row, cells };
}

/**
 * The metrics table with its small counts shown as "fewer than N" (see below); any other table
 * is returned as it is.
 */
export function suppressSmallCellsOf(table: TableView, threshold: number): TableView {
  if (table.id !== METRICS_SECTION_ID) return table;
  return { ...table, rows: table.rows.map((row) => suppressRow(row, table, threshold)) };
}

/**
 * The document as it may leave the team: in the data-review metrics table, counts of fewer than
 * `threshold` students and rates that would reveal one read "fewer than N" (see `showRate`).
 * Every other section and column is untouched; the stored document never changes.
 */
export function withSmallCellsSuppressed(view: DocumentView, threshold: number): DocumentView {
  const sections = view.sections.map((section): SectionView => {
    return section.kind === 'table' ? { ...section, table: suppressSmallCellsOf(section.table, threshold) } : section;
  });
  return { ...view, sections };
}
