import { describe, expect, test } from 'vitest';
import { validateMetricsTable } from '../../../core/metrics/validation.ts';
import { METRICS_COLUMNS as C } from '../../../core/schema/data-review-columns.ts';
import { metricsTable } from '../../support/metrics-table.ts';

const flagsOf = (rows: Parameters<typeof metricsTable>[0]) => {
  const table = metricsTable(rows);
  const rowNumber = new Map(table.rows.map((row, index) => [row.id, index + 1]));
  return validateMetricsTable(table).map((flag) => ({
    row: rowNumber.get(flag.row),
    column: flag.columnId,
    code: flag.code,
  }));
};

describe('metrics validation', () => {
  test('a plausible table has no flags', () => {
    expect(
      flagsOf([
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
      ]),
    ).toEqual([]);
  });

  test('a negative or fractional count is flagged on its own cell', () => {
    expect(flagsOf([{ period: '2026-09', provider: 'A', referred: -4, offered: 2.5 }])).toEqual([
      { row: 1, column: C.referred, code: 'negative' },
      { row: 1, column: C.offered, code: 'not-whole' },
    ]);
  });

  test('each funnel stage larger than the stage before it is flagged on the larger count', () => {
    expect(
      flagsOf([
        {
          period: '2026-09',
          provider: 'A',
          referred: 10,
          offered: 12,
          initiated: 13,
          active: 14,
          trained: 5,
          total: 4,
        },
      ]),
    ).toEqual([
      { row: 1, column: C.offered, code: 'exceeds-earlier-stage' },
      { row: 1, column: C.initiated, code: 'exceeds-earlier-stage' },
      { row: 1, column: C.active, code: 'exceeds-earlier-stage' },
      { row: 1, column: C.providersTrained, code: 'exceeds-earlier-stage' },
    ]);
  });

  test('equal stages and missing counts are fine: a stage is compared only with what is there', () => {
    expect(
      flagsOf([{ period: '2026-09', provider: 'A', referred: 10, offered: 10, active: 12 }]),
    ).toEqual([]);
  });

  test('a period entered twice for one provider is flagged on the later row, however it is spaced or cased', () => {
    const flags = flagsOf([
      { period: '2026-09', provider: 'Harbor Health', referred: 1 },
      { period: '2026-09', provider: 'Valley Counseling', referred: 1 },
      { period: ' 2026-09', provider: 'harbor  health', referred: 2 },
    ]);
    expect(flags).toEqual([{ row: 3, column: C.period, code: 'duplicate-period' }]);
  });

  test('the message says what is wrong with the numbers and where the first entry is', () => {
    const table = metricsTable([
      { period: '2026-10', provider: 'A', referred: 5, offered: 9 },
      { period: '2026-10', provider: 'A' },
    ]);
    expect(validateMetricsTable(table).map((flag) => flag.message)).toEqual([
      '9 is more than 5: students offered services cannot outnumber students referred.',
      '2026-10 for A is already entered in row 1.',
    ]);
  });
});
