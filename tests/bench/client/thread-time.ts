import type { CDPSession } from 'playwright-core';

/** One event of a Chromium trace, as far as the summary reads it (times in microseconds). */
export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** CPU time of the thread over a complete event: unlike `dur`, time spent waiting for a core does not count. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly data?: { readonly type?: string } };
}

/** CPU time of the page's main thread over one phase of the typing, per keystroke. */
export interface PhaseThreadTime {
  readonly phase: string;
  readonly keys: number;
  /** All tasks of the main thread, then the parts of them; style and layout include those forced by scripts. */
  readonly cpuMsPerKey: number;
  readonly scriptMsPerKey: number;
  readonly styleMsPerKey: number;
  readonly layoutMsPerKey: number;
  readonly paintMsPerKey: number;
  /** Tasks that kept the thread on a core for 50 ms or more, and the longest. */
  readonly longTasks: number;
  readonly maxTaskMs: number;
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
];

/**
 * Records a Chromium trace of the page's renderer over the typing. The trace's thread times
 * (`tdur`) count only the time the main thread ran on a core, so they hold up on a machine shared
 * with other work, where wall-clock frame times do not.
 */
export async function startThreadTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const collect = (message: { value: object[] }): void => {
    events.push(...(message.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', collect);
    return events;
  };
}

const ms = (microseconds: number): number => microseconds / 1000;

/**
 * Splits the trace at the page's `performance.mark` calls named in `phases` (each phase runs
 * from its mark to the next one) and sums the main thread's CPU time in each, per keydown.
 */
export function summariseThreadTime(
  events: readonly TraceEvent[],
  phases: readonly string[],
): PhaseThreadTime[] {
  const keydowns = events.filter(
    (event) => event.name === 'EventDispatch' && event.args?.data?.type === 'keydown',
  );
  if (keydowns.length === 0) return [];
  // The page's main thread is the one that dispatched the keys.
  const { pid, tid } = keydowns[0]!;
  const mine = events.filter((event) => event.pid === pid && event.tid === tid && event.ph === 'X');
  const marks = phases.map(
    (phase) =>
      events.find(
        (event) =>
          event.name === phase &&
          (event.ph === 'R' || event.ph === 'I' || event.ph === 'n' || event.ph === 'b'),
      )?.ts ?? null,
  );
  const summaries: PhaseThreadTime[] = [];
  for (let index = 0; index < phases.length - 1; index++) {
    const from = marks[index];
    const to = marks[index + 1];
    if (from == null || to == null) continue;
    const inPhase = mine.filter((event) => event.ts >= from && event.ts < to);
    const keys = keydowns.filter(
      (event) => event.pid === pid && event.ts >= from && event.ts < to,
    ).length;
    if (keys === 0) continue;
    const sum = (names: readonly string[]): number =>
      outermost(inPhase.filter((event) => names.includes(event.name))).reduce(
        (total, event) => total + (event.tdur ?? 0),
        0,
      );
    const tasks = inPhase
      .filter((event) => event.name === 'RunTask' || event.name === 'ThreadControllerImpl::RunTask')
      .map((event) => ms(event.tdur ?? 0));
    summaries.push({
      phase: phases[index]!,
      keys,
      cpuMsPerKey: ms(sum(['RunTask', 'ThreadControllerImpl::RunTask'])) / keys,
      scriptMsPerKey: ms(sum(['FunctionCall', 'EvaluateScript', 'RunMicrotasks', 'v8.run'])) / keys,
      styleMsPerKey: ms(sum(['UpdateLayoutTree'])) / keys,
      layoutMsPerKey: ms(sum(['Layout'])) / keys,
      paintMsPerKey: ms(sum(['Paint', 'PrePaint', 'Layerize', 'UpdateLayer'])) / keys,
      longTasks: tasks.filter((task) => task >= 50).length,
      maxTaskMs: Math.max(0, ...tasks),
    });
  }
  return summaries;
}

/** The events not inside another of them (same thread), so nested calls are counted once. */
function outermost(events: readonly TraceEvent[]): TraceEvent[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const kept: TraceEvent[] = [];
  let openUntil = Number.NEGATIVE_INFINITY;
  for (const event of sorted) {
    if (event.ts < openUntil) continue;
    kept.push(event);
    openUntil = event.ts + (event.dur ?? 0);
  }
  return kept;
}
