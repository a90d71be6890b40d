import { useId, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import {
  ALL_PROVIDERS,
  changeFromPrevious,
  funnelByPeriod,
  readPeriodCounts,
  showFunnelCounts,
  showFunnelRate,
  validateMetricsTable,
  type FunnelPoint,
  type PeriodChange,
} from '#core/metrics';
import type { TableView } from '#core/schema';
import { FunnelChart, type FunnelStage } from './funnel-chart.tsx';
import {
  fromShown,
  formatCountChange,
  formatPercent,
  formatPoints,
  shownCount,
} from './metrics-format.ts';
import { MetricsFlags } from './metrics-flags.tsx';
import { MetricsImport } from './metrics-import.tsx';
import { SmallCellSetting } from './small-cell-setting.tsx';
import { TrendChart, type TrendPoint } from './trend-chart.tsx';
import './data-review.css';

const RATES = [
  { key: 'offered', name: 'Offered services', numerator: 'offered', denominator: 'referred' },
  { key: 'initiated', name: 'Initiated services', numerator: 'initiated', denominator: 'referred' },
  { key: 'active', name: 'Active after one month', numerator: 'active', denominator: 'referred' },
  {
    key: 'trained',
    name: 'Providers trained',
    numerator: 'providersTrained',
    denominator: 'providersTotal',
  },
] as const;

type RateKey = (typeof RATES)[number]['key'];

interface MetricsPanelProps {
  readonly doc: Y.Doc;
  readonly table: TableView;
  readonly readOnly: boolean;
  /** Counts under this are shown as "fewer than N"; 0 for the team, the document's threshold for viewers. */
  readonly displayThreshold: number;
  readonly threshold: number;
}

/**
 * The data-review metrics table as a data view: the funnel of a period, its change against the
 * previous period (the protocol's "How does this data compare to last month's data?"), each
 * rate's trend, the numbers that need a second look, and CSV import.
 */
export function MetricsPanel({
  doc,
  table,
  readOnly,
  displayThreshold,
  threshold,
}: MetricsPanelProps) {
  const headingId = useId();
  const points = useMemo(() => funnelByPeriod(readPeriodCounts(table).value), [table]);
  const changes = useMemo(() => changeFromPrevious(points), [points]);
  const flags = useMemo(() => validateMetricsTable(table), [table]);
  const periods = useMemo(() => [...new Set(points.map((point) => point.period))], [points]);
  const providers = useMemo(
    () =>
      [...new Set(points.map((point) => point.provider))]
        .filter((name) => name !== ALL_PROVIDERS)
        .sort(),
    [points],
  );
  const [chosenPeriod, setPeriod] = useState<string | null>(null);
  const [provider, setProvider] = useState(ALL_PROVIDERS);
  const [rateKey, setRateKey] = useState<RateKey>('offered');
  const period =
    chosenPeriod !== null && periods.includes(chosenPeriod)
      ? chosenPeriod
      : (periods.at(-1) ?? null);
  const point =
    points.find((candidate) => candidate.period === period && candidate.provider === provider) ??
    null;
  const change =
    changes.find((candidate) => candidate.period === period && candidate.provider === provider) ??
    null;
  const rate = RATES.find((candidate) => candidate.key === rateKey)!;
  const series = [ALL_PROVIDERS, ...providers];

  return (
    <section className="data-view" aria-labelledby={headingId}>
      <h3 id={headingId}>Data view</h3>
      <MetricsFlags table={table} flags={flags} />
      {periods.length === 0 ? (
        <p className="empty">
          Enter a period (for example 2026-09) and its counts in the table above to see the funnel
          and trends.
        </p>
      ) : (
        <>
          <div className="data-view-controls">
            <div>
              <label htmlFor={`${headingId}-period`}>Period</label>
              <select
                id={`${headingId}-period`}
                value={period ?? ''}
                onChange={(event) => setPeriod(event.currentTarget.value)}
              >
                {periods.map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${headingId}-provider`}>Provider</label>
              <select
                id={`${headingId}-provider`}
                value={provider}
                onChange={(event) => setProvider(event.currentTarget.value)}
              >
                {series.map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </select>
            </div>
          </div>
          <FunnelChart
            title={`Referral funnel, ${period}, ${provider}`}
            stages={funnelStages(point, displayThreshold)}
          />
          <PeriodChangeTable
            change={change}
            point={point}
            previous={
              points.find(
                (candidate) =>
                  candidate.period === change?.previousPeriod && candidate.provider === provider,
              ) ?? null
            }
            threshold={displayThreshold}
          />
          <div className="data-view-controls">
            <div>
              <label htmlFor={`${headingId}-rate`}>Rate over time</label>
              <select
                id={`${headingId}-rate`}
                value={rateKey}
                onChange={(event) => setRateKey(event.currentTarget.value as RateKey)}
              >
                {RATES.map((candidate) => (
                  <option key={candidate.key} value={candidate.key}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <TrendChart
            title={`${rate.name}, by period`}
            rateName={`% ${rate.name.toLowerCase()}`}
            points={trendPoints(points, rate, displayThreshold)}
            periods={periods}
            series={series}
          />
        </>
      )}
      {!readOnly && (
        <div className="data-view-tools">
          <MetricsImport doc={doc} table={table} />
          <SmallCellSetting doc={doc} threshold={threshold} />
        </div>
      )}
    </section>
  );
}

/** A rate as every view shows it: from the counts as shown, so no view reveals what another hides. */
function rateOf(point: FunnelPoint, rate: (typeof RATES)[number], threshold: number) {
  const counts = showFunnelCounts(point.counts, threshold);
  return fromShown(
    showFunnelRate(counts[rate.numerator], counts[rate.denominator], threshold),
    formatPercent,
  );
}

/** A count as every view shows it: "fewer than N", "suppressed" beside a stage it differs little from, or the number. */
function countOf(
  point: FunnelPoint,
  key: 'referred' | 'offered' | 'initiated' | 'active',
  threshold: number,
) {
  return fromShown(showFunnelCounts(point.counts, threshold)[key], (value) =>
    value.toLocaleString('en-US'),
  );
}

function funnelStages(point: FunnelPoint | null, threshold: number): FunnelStage[] {
  const stage = (
    name: string,
    key: 'referred' | 'offered' | 'initiated' | 'active',
    rateIndex: number | null,
  ): FunnelStage => {
    const shown = point === null ? shownCount(null, threshold) : countOf(point, key, threshold);
    const share =
      point === null || rateIndex === null
        ? null
        : rateOf(point, RATES[rateIndex]!, threshold).value;
    return { stage: name, count: shown, share };
  };
  return [
    stage('Referred', 'referred', null),
    stage('Offered services', 'offered', 0),
    stage('Initiated services', 'initiated', 1),
    stage('Active after one month', 'active', 2),
  ];
}

function trendPoints(
  points: readonly FunnelPoint[],
  rate: (typeof RATES)[number],
  threshold: number,
): TrendPoint[] {
  return points.map((point) => {
    const shown = rateOf(point, rate, threshold);
    return { period: point.period, series: point.provider, rate: shown.value, text: shown.text };
  });
}

interface PeriodChangeTableProps {
  readonly change: PeriodChange | null;
  readonly point: FunnelPoint | null;
  readonly previous: FunnelPoint | null;
  readonly threshold: number;
}

/** "How does this data compare to last month's data?": each measure now, before, and the change. */
function PeriodChangeTable({ change, point, previous, threshold }: PeriodChangeTableProps) {
  if (change === null || point === null) return null;
  if (change.previousPeriod === null || previous === null)
    return (
      <p className="data-view-note">
        This is the first period entered for {point.provider}; the next one will be compared with
        it.
      </p>
    );
  const rows = [
    {
      name: 'Students referred',
      now: countOf(point, 'referred', threshold),
      before: countOf(previous, 'referred', threshold),
      change: change.counts.referred,
      format: formatCountChange,
    },
    ...RATES.map((rate) => ({
      name: `% ${rate.name.toLowerCase()}`,
      now: rateOf(point, rate, threshold),
      before: rateOf(previous, rate, threshold),
      change: change.ratePoints[rate.key],
      format: formatPoints,
    })),
  ];
  return (
    <table className="period-change">
      <caption>
        {point.period} compared with {change.previousPeriod}, {point.provider}
      </caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col">{change.previousPeriod}</th>
          <th scope="col">{point.period}</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">{row.name}</th>
            <td>{row.before.text || '—'}</td>
            <td>{row.now.text || '—'}</td>
            {/* A change computed from a suppressed number would give the number away. */}
            <td>
              {row.change === null || row.now.value === null || row.before.value === null
                ? '—'
                : row.format(row.change)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
