import type { DocumentView, SectionView } from '../schema/document.ts';
import type { RowView, TableView } from '../schema/table.ts';
import { showFunnelCounts, showFunnelRate, type Shown } from '../metrics/suppression.ts';
import { COUNT_KEYS, type CountKey } from '../metrics/validation.ts';
import type { CellValue } from '../tables/cell-values.ts';
import { METRICS_COLUMNS, METRICS_SECTION_ID } from '../schema/data-review-columns.ts';

function numberOf(cell: CellValue | undefined): number | null {
  return cell?.kind === 'number' ? cell.value : null;
}

function suppressRow(row: RowView, table: TableView, threshold: number): RowView {
  const cells: Record<string, CellValue> = { ...row.cells };
  const counts = Object.fromEntries(
    COUNT_KEYS.map((key) => [key, numberOf(row.cells[METRICS_COLUMNS[key]])]),
  ) as Record<CountKey, number | null>;
  const shown = showFunnelCounts(counts, threshold);
  const shownByColumn = new Map<string, Shown>(
    COUNT_KEYS.map((key) => [METRICS_COLUMNS[key], shown[key]]),
  );
  for (const column of table.columns) {
    const cell = row.cells[column.id];
    const count = shownByColumn.get(column.id);
    if (count !== undefined && cell?.kind === 'number') {
      if (count.kind === 'suppressed') cells[column.id] = { kind: 'text', text: count.text };
    } else if (
      column.kind === 'rate' &&
      shownByColumn.has(column.numerator) &&
      shownByColumn.has(column.denominator)
    ) {
      const rate = showFunnelRate(
        shownByColumn.get(column.numerator)!,
        shownByColumn.get(column.denominator)!,
        threshold,
      );
      if (rate.kind === 'suppressed') cells[column.id] = { kind: 'text', text: rate.text };
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
 * `threshold` students read "fewer than N", a count whose difference from the stage before it is
 * that small, and a rate with such a part, read "suppressed" (see `showFunnelCounts`).
 * Every other section and column is untouched; the stored document never changes.
 */
export function withSmallCellsSuppressed(view: DocumentView, threshold: number): DocumentView {
  const sections = view.sections.map((section): SectionView => {
    return section.kind === 'table'
      ? { ...section, table: suppressSmallCellsOf(section.table, threshold) }
      : section;
  });
  return { ...view, sections };
}
