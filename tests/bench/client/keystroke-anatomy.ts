import { quantile } from '../stats.ts';
import type { TraceEvent } from './thread-time.ts';

/** What Chromium's Event Timing trace entries carry (page clock, ms). */
interface EventTimingData {
  readonly type: string;
  readonly timeStamp: number;
  readonly processingStart: number;
  readonly processingEnd: number;
  readonly commitFinishTime: number;
}

/** One keystroke, from the event's creation to the commit of the frame that shows it, ms. */
interface KeystrokeParts {
  readonly total: number;
  /** Event created → its handlers start (waiting for the main thread). */
  readonly queued: number;
  /** The task that ran the key's handlers: wall time, and the thread's CPU time in it. */
  readonly handlersWall: number;
  readonly handlersCpu: number;
  /** Between that task and the frame: the thread idle (the frame waited for the display's tick), and other tasks. */
  readonly idleBeforeFrame: number;
  readonly otherTasks: number;
  /** The frame's task (animation frame callbacks, style, layout, paint, commit). */
  readonly frameWall: number;
  readonly frameCpu: number;
}

/** The parts of the typing's keystrokes, and of those over 16 ms, read from a Chromium trace. */
export interface KeystrokeAnatomy {
  readonly keys: number;
  readonly p50: KeystrokeParts;
  readonly p95: KeystrokeParts;
  /** Keystrokes over 16 ms from the event to their frame's commit, and their parts' means. */
  readonly slow: number;
  readonly slowMean: KeystrokeParts | null;
  /** Keystrokes whose frame started over 2 ms after their handlers with the thread idle. */
  readonly waitedForTick: number;
}

const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
const ms = (microseconds: number): number => microseconds / 1000;
const end = (event: TraceEvent): number => event.ts + (event.dur ?? 0);

function summary(keys: readonly KeystrokeParts[], pick: (values: number[]) => number) {
  const part = (name: keyof KeystrokeParts) => pick(keys.map((key) => key[name]));
  return {
    total: part('total'),
    queued: part('queued'),
    handlersWall: part('handlersWall'),
    handlersCpu: part('handlersCpu'),
    idleBeforeFrame: part('idleBeforeFrame'),
    otherTasks: part('otherTasks'),
    frameWall: part('frameWall'),
    frameCpu: part('frameCpu'),
  };
}

const percentile = (p: number) => (values: number[]) =>
  quantile(Float64Array.from(values).sort(), p);
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Splits each keystroke of a typing trace (Event Timing's keydown entries) into the time it
 * waited for the main thread, its handlers, the time until its frame started and that frame,
 * so that a slow keystroke can be told apart: work of the page's, a thread waiting for a core
 * (wall time well over CPU time), or a frame waiting for the display's next tick.
 */
export function readKeystrokeAnatomy(events: readonly TraceEvent[]): KeystrokeAnatomy | null {
  const keydowns = events.filter(
    (event) =>
      event.name === 'EventTiming' && event.ph === 'b' && timing(event)?.type === 'keydown',
  );
  if (keydowns.length === 0) return null;
  const { pid, tid } = keydowns[0]!;
  // A 'b' entry is stamped with the event's own timeStamp: that fixes the page clock's offset.
  const offset = keydowns[0]!.ts - timing(keydowns[0]!)!.timeStamp * 1000;
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  const tasks = mine.filter((e) => TASKS.has(e.name)).sort((a, b) => a.ts - b.ts);
  const commits = mine.filter((e) => e.name === 'Commit').map((e) => e.ts);
  const keys: KeystrokeParts[] = [];
  for (const keydown of keydowns) {
    const data = timing(keydown)!;
    const startsAt = data.processingStart * 1000 + offset;
    const committedAt = data.commitFinishTime * 1000 + offset;
    const own = tasks.find((task) => task.ts <= startsAt && end(task) >= startsAt);
    const frame = tasks.find(
      (task) =>
        own !== undefined &&
        task.ts >= end(own) &&
        commits.some((at) => at >= task.ts && at < end(task)),
    );
    if (own === undefined || frame === undefined) continue;
    const between = tasks.filter((task) => task.ts >= end(own) && task.ts < frame.ts);
    const otherTasks = between.reduce((sum, task) => sum + (task.dur ?? 0), 0);
    keys.push({
      total: ms(committedAt - keydown.ts),
      queued: data.processingStart - data.timeStamp,
      handlersWall: ms(own.dur ?? 0),
      handlersCpu: ms(own.tdur ?? 0),
      idleBeforeFrame: ms(frame.ts - end(own) - otherTasks),
      otherTasks: ms(otherTasks),
      frameWall: ms(frame.dur ?? 0),
      frameCpu: ms(frame.tdur ?? 0),
    });
  }
  const slow = keys.filter((key) => key.total > 16);
  return {
    keys: keys.length,
    p50: summary(keys, percentile(0.5)),
    p95: summary(keys, percentile(0.95)),
    slow: slow.length,
    slowMean: slow.length === 0 ? null : summary(slow, mean),
    waitedForTick: keys.filter((key) => key.idleBeforeFrame > 2).length,
  };
}

function timing(event: TraceEvent): EventTimingData | undefined {
  return (event.args as { data?: EventTimingData } | undefined)?.data;
}
