import { validateMetricsTable } from '#core/metrics';
import type { TableView } from '#core/schema';
import { METRICS_SECTION_ID } from '#core/schema/data-review-columns';

/** Why a cell's value needs a second look, by row id and then column id. */
export type CellFlags = ReadonlyMap<string, ReadonlyMap<string, string>>;

export const NO_FLAGS: ReadonlyMap<string, string> = new Map();

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The values of a table that are stored but look wrong, each with its reason, so the cell itself
 * can be marked: the data review's counts (negative, fractional, a stage above the one before,
 * a period entered twice) and a meeting time that is not a time. Nothing is changed.
 */
export function cellFlagsOf(table: TableView): CellFlags {
  const flags = new Map<string, Map<string, string>>();
  const add = (rowId: string, columnId: string, message: string): void => {
    const row = flags.get(rowId) ?? new Map<string, string>();
    row.set(columnId, row.has(columnId) ? `${row.get(columnId)} ${message}` : message);
    flags.set(rowId, row);
  };
  if (table.id === METRICS_SECTION_ID)
    for (const flag of validateMetricsTable(table)) add(flag.row, flag.columnId, flag.message);
  for (const column of table.columns) {
    if (column.kind !== 'text' || column.format !== 'time') continue;
    for (const row of table.rows) {
      const cell = row.cells[column.id];
      const text = cell?.kind === 'text' ? cell.text.trim() : '';
      if (text !== '' && !TIME.test(text))
        add(
          row.id,
          column.id,
          `"${text}" is not a 24-hour time like 09:00 or 15:30, so the calendar export leaves this meeting out.`,
        );
    }
  }
  return flags;
}

export function sameFlags(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
