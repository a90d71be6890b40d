import { describe, expect, test } from 'vitest';
import { parseMetricsCsv } from '../../../core/metrics/csv-import.ts';
import { exportCsv } from '../../../core/export/csv.ts';
import { METRICS_COLUMNS as C } from '../../../core/schema/data-review-columns.ts';
import { metricsTable } from '../../support/metrics-table.ts';

const emptyTable = metricsTable([]);

describe('importing metrics from CSV', () => {
  test('a file exported from a metrics table imports back to the same rows', () => {
    const source = metricsTable([
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
      { period: '2026-10', provider: '=Valley', referred: 12 },
    ]);
    const result = parseMetricsCsv(exportCsv(source), emptyTable);
    expect(result.fatal).toBeNull();
    expect(result.problems).toEqual([]);
    expect(result.goodRows).toEqual([
      {
        values: {
          [C.period]: '2026-09',
          [C.provider]: 'Harbor Health',
          [C.referred]: 40,
          [C.offered]: 30,
          [C.initiated]: 20,
          [C.active]: 15,
          [C.providersTrained]: 3,
          [C.providersTotal]: 4,
        },
      },
      { values: { [C.period]: '2026-10', [C.provider]: '=Valley', [C.referred]: 12 } },
    ]);
  });

  test('a bad row is reported by line and column; the good rows are still offered', () => {
    const csv = [
      'Period,Provider,Students referred,Offered services',
      '2026-09,A,40,30',
      '2026-10,A,forty,30',
      '2026-11,A,10,12',
      '2026-12,A,"1,200",900',
    ].join('\n');
    const result = parseMetricsCsv(csv, emptyTable);
    expect(result.problems).toEqual([
      { line: 3, column: 'Students referred', message: '"forty" is not a number.' },
      {
        line: 4,
        column: 'Offered services',
        message:
          '12 is more than 10: students offered services cannot outnumber students referred.',
      },
    ]);
    expect(result.goodLines).toEqual([2, 5]);
    expect(result.goodRows[1]?.values?.[C.referred]).toBe(1200);
  });

  test('negative and fractional counts, an empty period and a duplicate are problems, not fixes', () => {
    const csv = [
      'period,provider,referred,offered',
      '2026-09,A,-1,',
      '2026-09,B,2.5,',
      ',C,3,',
      '2026-09,B,4,',
      '2026-08,A,5,',
    ].join('\r\n');
    const existing = metricsTable([{ period: '2026-08', provider: 'A', referred: 1 }]);
    const result = parseMetricsCsv(csv, existing);
    expect(
      result.problems.map((problem) => [problem.line, problem.column, problem.message]),
    ).toEqual([
      [2, 'referred', 'A count cannot be negative (-1).'],
      [3, 'referred', 'A count is a whole number of people (2.5).'],
      [4, 'period', 'The period is empty.'],
      [5, 'period', '2026-09 for B is already entered in line 3.'],
      [6, 'period', '2026-08 for A is already entered in row 1.'],
    ]);
    expect(result.goodRows).toEqual([]);
  });

  test('line numbers count the lines of a quoted field that spans several', () => {
    const csv = 'Period,Provider,Students referred\n"2026-09","Harbor\nHealth",x\n\n2026-10,B,y\n';
    expect(parseMetricsCsv(csv, emptyTable).problems.map((problem) => problem.line)).toEqual([
      2, 5,
    ]);
  });

  test('a file without a period column or without any line is refused as a whole, with the reason', () => {
    expect(parseMetricsCsv('', emptyTable).fatal).toBe('The file is empty.');
    expect(parseMetricsCsv('Provider,Referred\nA,1', emptyTable).fatal).toMatch(
      /no "Period" column/,
    );
  });

  test('a line with more fields than the header is reported rather than guessed at', () => {
    const result = parseMetricsCsv('Period,Provider,Students referred\n2026-09,A,1,2', emptyTable);
    expect(result.problems).toEqual([
      { line: 2, column: null, message: 'The line has 4 fields but the header has 3.' },
    ]);
  });
});
