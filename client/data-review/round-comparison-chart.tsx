import * as Plot from '@observablehq/plot';
import type { PracticeChange } from '#core/metrics';
import { ChartFigure } from './chart-figure.tsx';
import { SERIES_COLOURS } from './chart-palette.ts';
import { levelName } from './rubric-format.ts';

const LABEL_LENGTH = 34;

function shortLabel(index: number, practice: string): string {
  const text =
    practice.length > LABEL_LENGTH ? `${practice.slice(0, LABEL_LENGTH - 1)}…` : practice;
  return `${index + 1}. ${text}`;
}

function describe(
  changes: readonly PracticeChange[],
  currentLabel: string,
  previousLabel: string,
): string {
  const compared = changes.filter((change) => change.medianChange !== null);
  if (compared.length === 0)
    return `No practice has answers in both ${previousLabel} and ${currentLabel} yet.`;
  const up = compared.filter((change) => change.medianChange! > 0).length;
  const down = compared.filter((change) => change.medianChange! < 0).length;
  return `Of ${compared.length} practices rated in both rounds, ${up} rose, ${down} fell and ${compared.length - up - down} stayed the same from ${previousLabel} to ${currentLabel} (median answer).`;
}

/** Each practice's median answer in the previous round and now: an arrow from before to after. */
export function RoundComparisonChart({
  scale,
  changes,
  currentLabel,
  previousLabel,
}: {
  readonly scale: readonly string[];
  readonly changes: readonly PracticeChange[];
  readonly currentLabel: string;
  readonly previousLabel: string;
}) {
  const rows = changes.map((change, index) => ({
    ...change,
    label: shortLabel(index, change.practice),
  }));
  const both = rows.filter((row) => row.median !== null && row.previousMedian !== null);
  return (
    <ChartFigure
      title={`${previousLabel} to ${currentLabel}, median answer per practice`}
      summary={describe(changes, currentLabel, previousLabel)}
      legend={
        <p>
          <span aria-hidden="true">□</span> {previousLabel} <span aria-hidden="true">→ ●</span>{' '}
          {currentLabel}
        </p>
      }
      drawKey={JSON.stringify([changes, scale])}
      draw={(width) =>
        Plot.plot({
          width,
          marginLeft: 300,
          marginRight: 40,
          height: 40 + rows.length * 26,
          x: {
            domain: [0, scale.length - 1],
            ticks: scale.map((_, index) => index),
            tickFormat: (index: number) => scale[index] ?? '',
            label: null,
            grid: true,
          },
          y: { domain: rows.map((row) => row.label), label: null },
          marks: [
            Plot.arrow(both, {
              x1: 'previousMedian',
              x2: 'median',
              y: 'label',
              stroke: SERIES_COLOURS[0],
              strokeWidth: 2,
              headLength: 8,
            }),
            Plot.dot(
              rows.filter((row) => row.previousMedian !== null),
              {
                x: 'previousMedian',
                y: 'label',
                stroke: SERIES_COLOURS[3],
                fill: 'white',
                r: 4,
                symbol: 'square',
              },
            ),
            Plot.dot(
              rows.filter((row) => row.median !== null),
              { x: 'median', y: 'label', fill: SERIES_COLOURS[0], r: 4.5 },
            ),
          ],
        })
      }
      data={() => (
        <table>
          <caption className="visually-hidden">
            Median answer per practice, {previousLabel} and {currentLabel}
          </caption>
          <thead>
            <tr>
              <th scope="col">Practice</th>
              <th scope="col">{previousLabel}</th>
              <th scope="col">{currentLabel}</th>
              <th scope="col">Change (levels)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.rowId}>
                <th scope="row">{row.label}</th>
                <td>{levelName(scale, row.previousMedian)}</td>
                <td>{levelName(scale, row.median)}</td>
                <td>
                  {row.medianChange === null
                    ? '—'
                    : row.medianChange > 0
                      ? `+${row.medianChange}`
                      : row.medianChange === 0
                        ? '0'
                        : `−${Math.abs(row.medianChange)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}
