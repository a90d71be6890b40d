import { formatNumber, median } from '../stats.ts';
import type { FirstLoadResult, LoadSample } from './first-load.ts';
import type { TypingResult } from './typing.ts';

/**
 * Issue 21's client goals, each judged from this run's medians and percentiles: the first
 * screen in half the load floor's time, editable within 1.1× of it, warm faster than cold, no
 * layout shift, and keystrokes under a frame. A figure, the goal, and whether it is met.
 */
export const CLIENT_GOALS = {
  firstScreenOverFloor: 0.5,
  editableOverFloor: 1.1,
  layoutShift: 0.01,
  typingP95Ms: 16,
} as const;

interface GoalRow {
  readonly goal: string;
  readonly document: string;
  readonly measured: string;
  readonly target: string;
  readonly met: boolean;
}

const medianOf = (samples: readonly LoadSample[], pick: (sample: LoadSample) => number): number =>
  median(samples.map(pick));
const times = (value: number): string => `${formatNumber(value)}×`;
const ms = (value: number): string => `${formatNumber(value)} ms`;

function loadGoals(load: FirstLoadResult): GoalRow[] {
  const rows: GoalRow[] = [];
  const coldEditable = medianOf(load.cold, (s) => s.editorMs);
  if (load.floor.length > 0) {
    const floor = medianOf(load.floor, (s) => s.editorMs);
    const firstScreen = medianOf(load.cold, (s) => s.firstScreenMs);
    rows.push({
      goal: 'first screen visible ÷ load floor (cold)',
      document: load.document,
      measured: `${times(firstScreen / floor)} (${ms(firstScreen)} against ${ms(floor)})`,
      target: `≤ ${CLIENT_GOALS.firstScreenOverFloor}×`,
      met: firstScreen / floor <= CLIENT_GOALS.firstScreenOverFloor,
    });
    rows.push({
      goal: 'editable ÷ load floor (cold)',
      document: load.document,
      measured: `${times(coldEditable / floor)} (${ms(coldEditable)} against ${ms(floor)})`,
      target: `≤ ${CLIENT_GOALS.editableOverFloor}×`,
      met: coldEditable / floor <= CLIENT_GOALS.editableOverFloor,
    });
  }
  if (load.warm.length > 0) {
    const warmEditable = medianOf(load.warm, (s) => s.editorMs);
    rows.push({
      goal: 'warm ÷ cold, editable',
      document: load.document,
      measured: `${times(warmEditable / coldEditable)} (${ms(warmEditable)} against ${ms(coldEditable)})`,
      target: 'warm < cold',
      met: warmEditable < coldEditable,
    });
  }
  const worstShift = Math.max(0, ...[...load.cold, ...load.warm].map((s) => s.layoutShift));
  rows.push({
    goal: 'cumulative layout shift of a load, worst cold or warm',
    document: load.document,
    measured: formatNumber(worstShift),
    target: `< ${CLIENT_GOALS.layoutShift}`,
    met: worstShift < CLIENT_GOALS.layoutShift,
  });
  return rows;
}

function typingGoals(result: TypingResult): GoalRow[] {
  const who = `${result.document}, ${result.remoteEditors === 0 ? 'typing alone' : `${result.remoteEditors} remote editors`}`;
  return (
    [
      ['note', result.note],
      ['table cell', result.cell],
    ] as const
  ).map(([where, figures]) => ({
    goal: `typing in a ${where}: keydown → next frame p95 (p50)`,
    document: who,
    measured: `${ms(figures.probe.p95)} (${ms(figures.probe.p50)})`,
    target: `< ${CLIENT_GOALS.typingP95Ms} ms`,
    met: figures.probe.p95 < CLIENT_GOALS.typingP95Ms,
  }));
}

/** The goals table, in Markdown; empty when nothing was measured. */
export function renderGoals(
  loads: readonly FirstLoadResult[],
  typing: readonly TypingResult[],
): string[] {
  const rows = [...loads.flatMap(loadGoals), ...typing.flatMap(typingGoals)];
  if (rows.length === 0) return [];
  return [
    '## Goals (issue 21, client)',
    '',
    '| goal | document | measured (medians; typing percentiles) | goal | met |',
    '|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.goal} | ${row.document} | ${row.measured} | ${row.target} | ${row.met ? 'met' : 'not met'} |`,
    ),
    '',
  ];
}
