import { describe, expect, test } from 'vitest';
import {
  ALL_PROVIDERS,
  changeFromPrevious,
  funnelByPeriod,
  readPeriodCounts,
} from '../../../core/metrics/index.ts';
import { metricsTable } from '../../support/metrics-table.ts';

describe('referral funnel', () => {
  test('rates are offered, initiated and still-active students over referred students, and trained over all providers', () => {
    const table = metricsTable([
      {
        period: '2026-09',
        provider: 'Harbor Health',
        referred: 40,
        offered: 30,
        initiated: 20,
        active: 15,
        trained: 3,
        total: 4,
      },
    ]);
    const [point] = funnelByPeriod(readPeriodCounts(table).value);
    expect(point?.rates).toEqual({ offered: 0.75, initiated: 0.5, active: 0.375, trained: 0.75 });
  });

  test('each period also gets the sum over all providers, after the providers in name order', () => {
    const table = metricsTable([
      {
        period: '2026-09',
        provider: 'Valley Counseling',
        referred: 10,
        offered: 10,
        initiated: 5,
        active: 5,
      },
      {
        period: '2026-09',
        provider: 'Harbor Health',
        referred: 30,
        offered: 20,
        initiated: 15,
        active: 10,
      },
    ]);
    const points = funnelByPeriod(readPeriodCounts(table).value);
    expect(points.map((p) => p.provider)).toEqual([
      'Harbor Health',
      'Valley Counseling',
      ALL_PROVIDERS,
    ]);
    expect(points[2]?.counts.referred).toBe(40);
    expect(points[2]?.rates.offered).toBe(0.75);
  });

  test('a rate is empty, not zero or infinite, when nobody was referred or a count is missing', () => {
    const table = metricsTable([
      { period: '2026-09', provider: 'A', referred: 0, offered: 0 },
      { period: '2026-10', provider: 'A', referred: 5 },
    ]);
    const points = funnelByPeriod(readPeriodCounts(table).value).filter((p) => p.provider === 'A');
    expect(points[0]?.rates.offered).toBeNull();
    expect(points[1]?.rates.offered).toBeNull();
  });

  test('periods are listed in order whatever order the rows were entered in', () => {
    const table = metricsTable([
      { period: '2026-11', provider: 'A', referred: 1 },
      { period: '2026-09', provider: 'A', referred: 1 },
      { period: '2026-10', provider: 'A', referred: 1 },
    ]);
    const periods = funnelByPeriod(readPeriodCounts(table).value)
      .filter((p) => p.provider === 'A')
      .map((p) => p.period);
    expect(periods).toEqual(['2026-09', '2026-10', '2026-11']);
  });

  test('a row with counts but no period is reported and left out', () => {
    const read = readPeriodCounts(
      metricsTable([
        { period: '', provider: 'A', referred: 4 },
        { period: '2026-09', provider: 'A', referred: 2 },
      ]),
    );
    expect(read.value).toHaveLength(1);
    expect(read.problems).toEqual([
      expect.objectContaining({ code: 'missing', message: expect.stringContaining('no period') }),
    ]);
  });
});

describe('change against the previous period', () => {
  test('answers "how does this data compare to last month" per provider, in counts and percentage points', () => {
    const table = metricsTable([
      { period: '2026-09', provider: 'A', referred: 40, offered: 24 },
      { period: '2026-10', provider: 'A', referred: 50, offered: 40 },
    ]);
    const changes = changeFromPrevious(funnelByPeriod(readPeriodCounts(table).value)).filter(
      (c) => c.provider === 'A',
    );
    expect(changes[0]).toMatchObject({
      period: '2026-09',
      previousPeriod: null,
      counts: { referred: null },
    });
    expect(changes[1]).toMatchObject({
      period: '2026-10',
      previousPeriod: '2026-09',
      counts: { referred: 10, offered: 16 },
      ratePoints: { offered: 20 },
    });
  });

  test('a provider that skipped a month compares with its last reported period', () => {
    const table = metricsTable([
      { period: '2026-09', provider: 'A', referred: 10 },
      { period: '2026-10', provider: 'B', referred: 3 },
      { period: '2026-11', provider: 'A', referred: 12 },
    ]);
    const change = changeFromPrevious(funnelByPeriod(readPeriodCounts(table).value)).find(
      (c) => c.provider === 'A' && c.period === '2026-11',
    );
    expect(change).toMatchObject({ previousPeriod: '2026-09', counts: { referred: 2 } });
  });
});
