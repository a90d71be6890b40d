import type { CellValue } from '../tables/cell-values.ts';
import type { TableView } from '../schema/table.ts';
import { METRICS_COLUMNS } from '../schema/data-review-columns.ts';

/**
 * Something in the metrics a person should look at, pointing at one cell so it can be shown in
 * place. Nothing here changes the numbers: a count that looks wrong may be a typo or may be true,
 * and only the person entering it knows which.
 */
export interface MetricsFlag<Where = string> {
  /** Where the row is: a row id in the document, a line number in an imported file. */
  readonly row: Where;
  readonly columnId: string;
  readonly code: MetricsFlagCode;
  readonly message: string;
}

export type MetricsFlagCode =
  'negative' | 'not-whole' | 'exceeds-earlier-stage' | 'duplicate-period';

export type CountKey =
  'referred' | 'offered' | 'initiated' | 'active' | 'providersTrained' | 'providersTotal';

export const COUNT_KEYS: readonly CountKey[] = [
  'referred',
  'offered',
  'initiated',
  'active',
  'providersTrained',
  'providersTotal',
];

/** One row of metrics wherever it comes from: the table, or a CSV being imported. */
export interface MetricsRow<Where = string> {
  readonly row: Where;
  /** How to name the row in a message, e.g. "row 3" or "line 4". */
  readonly label: string;
  readonly period: string;
  readonly provider: string;
  readonly counts: Readonly<Record<CountKey, number | null>>;
}

/** Each funnel stage is a subset of the stage before it, and trained providers of all providers. */
const STAGE_LIMITS: ReadonlyArray<{
  readonly stage: CountKey;
  readonly limit: CountKey;
  readonly describe: string;
}> = [
  {
    stage: 'offered',
    limit: 'referred',
    describe: 'students offered services cannot outnumber students referred',
  },
  {
    stage: 'initiated',
    limit: 'offered',
    describe: 'students who initiated services cannot outnumber students offered them',
  },
  {
    stage: 'active',
    limit: 'initiated',
    describe:
      'students still active after one month cannot outnumber students who initiated services',
  },
  {
    stage: 'providersTrained',
    limit: 'providersTotal',
    describe: 'trained providers cannot outnumber all providers',
  },
];

/** Periods and providers compare the way a person reads them: "Harbor  Health " is "harbor health". */
export function periodKey(period: string, provider: string): string {
  const normalize = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
  return `${normalize(period)}\u0000${normalize(provider)}`;
}

function countFlags<Where>(row: MetricsRow<Where>): MetricsFlag<Where>[] {
  const flags: MetricsFlag<Where>[] = [];
  for (const key of COUNT_KEYS) {
    const value = row.counts[key];
    if (value === null) continue;
    const columnId = METRICS_COLUMNS[key];
    if (value < 0)
      flags.push({
        row: row.row,
        columnId,
        code: 'negative',
        message: `A count cannot be negative (${value}).`,
      });
    else if (!Number.isInteger(value))
      flags.push({
        row: row.row,
        columnId,
        code: 'not-whole',
        message: `A count is a whole number of people (${value}).`,
      });
  }
  for (const { stage, limit, describe } of STAGE_LIMITS) {
    const value = row.counts[stage];
    const ceiling = row.counts[limit];
    // A negative ceiling is already flagged; comparing against it would only repeat that.
    if (value !== null && ceiling !== null && ceiling >= 0 && value > ceiling) {
      flags.push({
        row: row.row,
        columnId: METRICS_COLUMNS[stage],
        code: 'exceeds-earlier-stage',
        message: `${value} is more than ${ceiling}: ${describe}.`,
      });
    }
  }
  return flags;
}

/**
 * Every flag, in row order. `alreadyEntered` lists rows that come first (the table's, when checking
 * an import), so a period entered twice is flagged on the later row only.
 */
export function validateMetricsRows<Where>(
  rows: readonly MetricsRow<Where>[],
  alreadyEntered: readonly MetricsRow<unknown>[] = [],
): MetricsFlag<Where>[] {
  const flags: MetricsFlag<Where>[] = [];
  const firstLabelOfPeriod = new Map<string, string>();
  for (const earlier of alreadyEntered) {
    if (earlier.period.trim() !== '')
      firstLabelOfPeriod.set(periodKey(earlier.period, earlier.provider), earlier.label);
  }
  for (const row of rows) {
    flags.push(...countFlags(row));
    if (row.period.trim() === '') continue;
    const key = periodKey(row.period, row.provider);
    const first = firstLabelOfPeriod.get(key);
    if (first === undefined) {
      firstLabelOfPeriod.set(key, row.label);
      continue;
    }
    const who = row.provider.trim() === '' ? 'with no provider' : `for ${row.provider.trim()}`;
    flags.push({
      row: row.row,
      columnId: METRICS_COLUMNS.period,
      code: 'duplicate-period',
      message: `${row.period.trim()} ${who} is already entered in ${first}.`,
    });
  }
  return flags;
}

function textIn(cells: Readonly<Record<string, CellValue>>, columnId: string): string {
  const cell = cells[columnId];
  return cell?.kind === 'text' || cell?.kind === 'person' ? cell.text : '';
}

function numberIn(cells: Readonly<Record<string, CellValue>>, columnId: string): number | null {
  const cell = cells[columnId];
  return cell?.kind === 'number' ? cell.value : null;
}

/** The metrics table's rows in the shape validation reads, keyed by row id. */
export function metricsRowsOf(table: TableView): MetricsRow[] {
  return table.rows.map((row, index) => ({
    row: row.id,
    label: `row ${index + 1}`,
    period: textIn(row.cells, METRICS_COLUMNS.period),
    provider: textIn(row.cells, METRICS_COLUMNS.provider),
    counts: Object.fromEntries(
      COUNT_KEYS.map((key) => [key, numberIn(row.cells, METRICS_COLUMNS[key])]),
    ) as Record<CountKey, number | null>,
  }));
}

/** Every flag of the data-review metrics table; an empty list when everything is plausible. */
export function validateMetricsTable(table: TableView): MetricsFlag[] {
  return validateMetricsRows(metricsRowsOf(table));
}
