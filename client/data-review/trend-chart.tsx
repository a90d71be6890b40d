import * as Plot from '@observablehq/plot';
import { ChartFigure } from './chart-figure.tsx';
import { SERIES_COLOURS, SERIES_SYMBOLS, symbolPath } from './chart-palette.ts';
import { formatPercent } from './metrics-format.ts';

export interface TrendPoint {
  readonly period: string;
  readonly series: string;
  /** Null when not computable or suppressed: a gap in the line, a dash in the table. */
  readonly rate: number | null;
  readonly text: string;
}

function describe(
  rateName: string,
  points: readonly TrendPoint[],
  series: readonly string[],
): string {
  const sentences = series.map((name) => {
    const known = points.filter((point) => point.series === name && point.rate !== null);
    const first = known[0];
    const last = known.at(-1);
    if (first === undefined || last === undefined) return `${name}: no ${rateName} yet.`;
    if (first === last) return `${name}: ${first.text} in ${first.period}.`;
    return `${name}: ${first.text} in ${first.period}, ${last.text} in ${last.period}.`;
  });
  return sentences.join(' ');
}

/** One rate over periods, one line per provider and one for all providers together. */
export function TrendChart({
  title,
  rateName,
  points,
  periods,
  series,
}: {
  readonly title: string;
  readonly rateName: string;
  readonly points: readonly TrendPoint[];
  readonly periods: readonly string[];
  readonly series: readonly string[];
}) {
  const colour = (name: string) => SERIES_COLOURS[series.indexOf(name) % SERIES_COLOURS.length]!;
  const symbol = (name: string) => SERIES_SYMBOLS[series.indexOf(name) % SERIES_SYMBOLS.length]!;
  const drawn = points.filter((point) => point.rate !== null);
  return (
    <ChartFigure
      title={title}
      summary={describe(rateName, points, series)}
      legend={
        <ul className="chart-legend">
          {series.map((name) => (
            <li key={name}>
              <svg width="22" height="14" aria-hidden="true">
                <line x1="1" y1="7" x2="21" y2="7" stroke={colour(name)} strokeWidth="2.5" />
                <path
                  d={symbolPath(symbol(name))}
                  transform="translate(11 7)"
                  fill="white"
                  stroke={colour(name)}
                  strokeWidth="2"
                />
              </svg>{' '}
              {name}
            </li>
          ))}
        </ul>
      }
      drawKey={JSON.stringify([points, periods, series])}
      draw={(width) =>
        Plot.plot({
          width,
          marginLeft: 56,
          marginRight: 30,
          // Room above the 100% tick for the axis label, and below the periods for theirs: no overlap.
          marginTop: 32,
          marginBottom: 44,
          height: 296,
          x: { type: 'point', domain: [...periods], label: 'Period', padding: 0.3 },
          y: {
            domain: [0, 1],
            tickFormat: (value: number) => formatPercent(value),
            grid: true,
            label: rateName,
          },
          color: { domain: [...series], range: series.map(colour) },
          symbol: { domain: [...series], range: series.map(symbol) },
          marks: [
            Plot.lineY(points, { x: 'period', y: 'rate', stroke: 'series', strokeWidth: 2.5 }),
            Plot.dot(drawn, {
              x: 'period',
              y: 'rate',
              stroke: 'series',
              symbol: 'series',
              fill: 'white',
              r: 4.5,
              strokeWidth: 2,
            }),
          ],
        })
      }
      data={() => (
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              {series.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => (
              <tr key={period}>
                <th scope="row">{period}</th>
                {series.map((name) => (
                  <td key={name}>
                    {points.find((point) => point.period === period && point.series === name)
                      ?.text || '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}
