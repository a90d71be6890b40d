import type { FunnelPoint, FunnelRates, PeriodCounts } from './funnel.ts';

/** "How does this data compare to last month's data?": one point against the provider's previous period. */
export interface PeriodChange {
  readonly period: string;
  readonly provider: string;
  readonly previousPeriod: string | null;
  /** Difference in counts (this period − previous); null when either is missing. */
  readonly counts: Readonly<Record<keyof Omit<PeriodCounts, 'period' | 'provider'>, number | null>>;
  /** Difference in rates, in percentage points (0.6 → 0.75 is +15). */
  readonly ratePoints: Readonly<Record<keyof FunnelRates, number | null>>;
}

function difference(current: number | null, previous: number | null | undefined): number | null {
  return current === null || previous === null || previous === undefined
    ? null
    : current - previous;
}

function points(current: number | null, previous: number | null | undefined): number | null {
  const change = difference(current, previous);
  // Rounded to a hundredth of a point: rates come from division, and 0.1 + 0.2 is not 0.3.
  return change === null ? null : Math.round(change * 10000) / 100;
}

/** For every point, its change against the same provider's previous period (by period order). */
export function changeFromPrevious(series: readonly FunnelPoint[]): PeriodChange[] {
  const previousByProvider = new Map<string, FunnelPoint>();
  const changes: PeriodChange[] = [];
  for (const point of [...series].sort((a, b) =>
    a.period < b.period ? -1 : a.period > b.period ? 1 : 0,
  )) {
    const previous = previousByProvider.get(point.provider);
    const { counts, rates } = point;
    changes.push({
      period: point.period,
      provider: point.provider,
      previousPeriod: previous?.period ?? null,
      counts: {
        referred: difference(counts.referred, previous?.counts.referred),
        offered: difference(counts.offered, previous?.counts.offered),
        initiated: difference(counts.initiated, previous?.counts.initiated),
        active: difference(counts.active, previous?.counts.active),
        providersTrained: difference(counts.providersTrained, previous?.counts.providersTrained),
        providersTotal: difference(counts.providersTotal, previous?.counts.providersTotal),
      },
      ratePoints: {
        offered: points(rates.offered, previous?.rates.offered),
        initiated: points(rates.initiated, previous?.rates.initiated),
        active: points(rates.active, previous?.rates.active),
        trained: points(rates.trained, previous?.rates.trained),
      },
    });
    previousByProvider.set(point.provider, point);
  }
  return changes;
}
