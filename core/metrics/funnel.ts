import { computeRate, type CellValue } from '../tables/cell-values.ts';
import type { TableView } from '../schema/table.ts';
import type { Problem, Read } from '../schema/problems.ts';
import { METRICS_COLUMNS } from '../schema/data-review-columns.ts';

/**
 * The referral funnel of the data-review tool: of the students referred in a period, how many
 * were offered services, initiated them, and were still active after one month; and how many
 * of a provider's staff completed school-level training. Counts are aggregates, never students.
 */
export interface PeriodCounts {
  readonly period: string;
  readonly provider: string;
  readonly referred: number | null;
  readonly offered: number | null;
  readonly initiated: number | null;
  readonly active: number | null;
  readonly providersTrained: number | null;
  readonly providersTotal: number | null;
}

export interface FunnelRates {
  /** Offered ÷ referred. */
  readonly offered: number | null;
  /** Initiated ÷ referred. */
  readonly initiated: number | null;
  /** Still active after one month ÷ referred. */
  readonly active: number | null;
  /** Providers trained ÷ providers in total. */
  readonly trained: number | null;
}

export interface FunnelPoint {
  readonly period: string;
  /** A provider's name, or `ALL_PROVIDERS` for the sum over providers. */
  readonly provider: string;
  readonly counts: PeriodCounts;
  readonly rates: FunnelRates;
}

export const ALL_PROVIDERS = 'All providers';

const COUNT_FIELDS = [
  'referred',
  'offered',
  'initiated',
  'active',
  'providersTrained',
  'providersTotal',
] as const;
type CountField = (typeof COUNT_FIELDS)[number];

function textOf(cell: CellValue | undefined): string {
  return cell !== undefined && (cell.kind === 'text' || cell.kind === 'person')
    ? cell.text.trim()
    : '';
}

function numberOf(cell: CellValue | undefined): number | null {
  return cell !== undefined && (cell.kind === 'number' || cell.kind === 'minutes')
    ? cell.value
    : null;
}

/** Reads the metrics table; rows without a period are skipped and reported. */
export function readPeriodCounts(table: TableView): Read<PeriodCounts[]> {
  const problems: Problem[] = [];
  const columnIds = new Set(table.columns.map((column) => column.id));
  for (const field of ['period', 'provider', ...COUNT_FIELDS] as const) {
    if (!columnIds.has(METRICS_COLUMNS[field])) {
      problems.push({
        path: `sections[${table.id}].columns`,
        code: 'missing',
        message: `the metrics table has no "${METRICS_COLUMNS[field]}" column`,
      });
    }
  }
  const value: PeriodCounts[] = [];
  for (const row of table.rows) {
    const period = textOf(row.cells[METRICS_COLUMNS.period]);
    if (period === '') {
      const hasCounts = COUNT_FIELDS.some(
        (field) => numberOf(row.cells[METRICS_COLUMNS[field]]) !== null,
      );
      if (hasCounts)
        problems.push({
          path: `sections[${table.id}].rows[${row.id}]`,
          code: 'missing',
          message: 'a row with counts has no period; left out of the funnel',
        });
      continue;
    }
    const counts = Object.fromEntries(
      COUNT_FIELDS.map((field) => [field, numberOf(row.cells[METRICS_COLUMNS[field]])]),
    ) as Record<CountField, number | null>;
    value.push({ period, provider: textOf(row.cells[METRICS_COLUMNS.provider]), ...counts });
  }
  return { value, problems };
}

export function funnelRates(counts: PeriodCounts): FunnelRates {
  return {
    offered: computeRate(counts.offered, counts.referred),
    initiated: computeRate(counts.initiated, counts.referred),
    active: computeRate(counts.active, counts.referred),
    trained: computeRate(counts.providersTrained, counts.providersTotal),
  };
}

function sumCounts(period: string, rows: readonly PeriodCounts[]): PeriodCounts {
  const sum = (field: CountField): number | null => {
    const present = rows
      .map((row) => row[field])
      .filter((value): value is number => value !== null);
    return present.length === 0 ? null : present.reduce((total, value) => total + value, 0);
  };
  return {
    period,
    provider: ALL_PROVIDERS,
    ...(Object.fromEntries(COUNT_FIELDS.map((field) => [field, sum(field)])) as Record<
      CountField,
      number | null
    >),
  };
}

/**
 * The funnel per period and provider, plus the sum over providers for each period, in period
 * order. Periods sort as text, so "2026-09" before "2026-10": the template asks for that form.
 */
export function funnelByPeriod(rows: readonly PeriodCounts[]): FunnelPoint[] {
  const periods = [...new Set(rows.map((row) => row.period))].sort();
  const points: FunnelPoint[] = [];
  for (const period of periods) {
    const inPeriod = rows.filter((row) => row.period === period);
    for (const counts of [...inPeriod].sort((a, b) => a.provider.localeCompare(b.provider))) {
      points.push({ period, provider: counts.provider, counts, rates: funnelRates(counts) });
    }
    const total = sumCounts(period, inPeriod);
    points.push({ period, provider: ALL_PROVIDERS, counts: total, rates: funnelRates(total) });
  }
  return points;
}
