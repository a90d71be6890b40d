import * as Plot from '@observablehq/plot';
import { ChartFigure } from './chart-figure.tsx';
import { BAR_FILL, BAR_STROKE } from './chart-palette.ts';
import { formatPercent, type ShownCount } from './metrics-format.ts';

export interface FunnelStage {
  readonly stage: string;
  readonly count: ShownCount;
  /** Share of students referred, null for the first stage or when not computable or suppressed. */
  readonly share: number | null;
}

function describe(stages: readonly FunnelStage[]): string {
  const [first, ...rest] = stages;
  if (first === undefined || first.count.value === null)
    return 'No counts entered for this period yet.';
  const parts = rest
    .filter((stage) => stage.count.text !== '')
    .map(
      (stage) =>
        `${stage.stage.toLowerCase()} ${stage.count.text}${stage.share === null ? '' : ` (${formatPercent(stage.share)})`}`,
    );
  return `${first.count.text} students referred; ${parts.join(', ')}.`;
}

/** The referral funnel for one period and provider, as horizontal bars labelled with count and share. */
export function FunnelChart({
  title,
  stages,
}: {
  readonly title: string;
  readonly stages: readonly FunnelStage[];
}) {
  const drawable = stages.filter((stage) => stage.count.value !== null);
  const label = (stage: FunnelStage) =>
    stage.share === null ? stage.count.text : `${stage.count.text} (${formatPercent(stage.share)})`;
  return (
    <ChartFigure
      title={title}
      summary={describe(stages)}
      drawKey={JSON.stringify(stages)}
      draw={(width) =>
        Plot.plot({
          width: Math.min(width, 720),
          marginLeft: 170,
          marginRight: 110,
          height: 40 + stages.length * 44,
          x: { label: 'Students', grid: true },
          y: { label: null, domain: stages.map((stage) => stage.stage) },
          marks: [
            Plot.barX(drawable, {
              x: (stage: FunnelStage) => stage.count.value,
              y: 'stage',
              fill: BAR_FILL,
              stroke: BAR_STROKE,
            }),
            Plot.text(stages, {
              x: (stage: FunnelStage) => stage.count.value ?? 0,
              y: 'stage',
              text: label,
              textAnchor: 'start',
              dx: 6,
              fill: '#1b1f24',
            }),
            Plot.ruleX([0]),
          ],
        })
      }
      data={() => (
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Students</th>
              <th scope="col">Share of referred</th>
            </tr>
          </thead>
          <tbody>
            {stages.map((stage) => (
              <tr key={stage.stage}>
                <th scope="row">{stage.stage}</th>
                <td>{stage.count.text || '—'}</td>
                <td>{stage.share === null ? '—' : formatPercent(stage.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}
