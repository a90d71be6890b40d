import type { TraceEvent } from './thread-time.ts';

/** The frames drawn between two keystrokes, and what made each one, read from a Chromium trace. */
export interface FramesBetweenKeys {
  readonly keys: number;
  /** How many frames were committed from one keystroke to the next, and how often (0, 1, 2, … → gaps). */
  readonly perGap: Readonly<Record<number, number>>;
  /**
   * Every frame but each keystroke's own, by the first main-thread task before it that changed the
   * page (a timer, a message, an idle callback, a script of the page's), named by its kind and the
   * first function it called (minified file:line:column; see the README for reading them as
   * source). "nothing on the main thread" is a frame no task of the page asked for.
   */
  readonly causes: readonly { readonly cause: string; readonly frames: number }[];
}

const TASKS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);
/** Trace events that leave the page to be drawn again (a layout, a style or an animation frame asked for). */
const DIRTYING = new Set([
  'InvalidateLayout',
  'ScheduleStyleRecalculation',
  'RequestAnimationFrame',
]);
const end = (event: TraceEvent): number => event.ts + (event.dur ?? 0);

interface CallData {
  readonly type?: string;
  readonly functionName?: string;
  readonly url?: string;
  readonly lineNumber?: number;
  readonly columnNumber?: number;
}

function where(call: TraceEvent | undefined): string {
  const data = (call?.args?.data ?? {}) as CallData;
  if (call === undefined || data.url === undefined) return '';
  const file = data.url
    .split('/')
    .pop()!
    .replace(/-[\w-]{8}\.js$/, '');
  return ` ${data.functionName || '(anonymous)'} ${file}:${data.lineNumber}:${data.columnNumber}`;
}

/** What a task was, from the events inside it: its kind and the first function it ran. */
function describeTask(inside: readonly TraceEvent[]): string {
  const call = inside.find((event) => event.name === 'FunctionCall');
  for (const event of inside) {
    if (event.name === 'TimerFire') return `timer${where(call)}`;
    if (event.name === 'FireIdleCallback') return `idle callback${where(call)}`;
    if (event.name === 'WebSocketReceive') return 'socket message';
    if (event.name === 'EventDispatch')
      return `${(event.args?.data as CallData).type ?? 'DOM'} event`;
  }
  return `task${where(call)}`;
}

/**
 * Counts the frames committed between keystrokes and names what caused each frame that is not a
 * keystroke's own: the first task since the previous frame that changed the page.
 */
export function readFramesBetweenKeys(events: readonly TraceEvent[]): FramesBetweenKeys | null {
  const keydown = events.find(
    (event) => event.name === 'EventDispatch' && event.args?.data?.type === 'keydown',
  );
  if (keydown === undefined) return null;
  const mine = events
    .filter((e) => e.pid === keydown.pid && e.tid === keydown.tid && e.ph !== 'M')
    .sort((a, b) => a.ts - b.ts);
  const tasks = mine.filter((event) => event.ph === 'X' && TASKS.has(event.name));
  const others = mine.filter((event) => !TASKS.has(event.name));
  const inside = new Map<TraceEvent, TraceEvent[]>();
  let next = 0;
  for (const task of tasks) {
    while (next < others.length && others[next]!.ts < task.ts) next++;
    const within: TraceEvent[] = [];
    for (let at = next; at < others.length && others[at]!.ts <= end(task); at++)
      within.push(others[at]!);
    inside.set(task, within);
  }
  const has = (task: TraceEvent, test: (event: TraceEvent) => boolean) =>
    inside.get(task)!.some(test);
  const isKey = (event: TraceEvent) =>
    event.name === 'EventDispatch' && event.args?.data?.type === 'keydown';
  const keyTasks = tasks.filter((task) => has(task, isKey));
  const last = end(keyTasks.at(-1)!);
  const perGap: Record<number, number> = {};
  const causes = new Map<string, number>();
  let framesSinceKey: number | null = null;
  let dirtiedBy: string | null = null;
  let keyPending = false;
  for (const task of tasks.filter((t) => t.ts >= keyTasks[0]!.ts && t.ts <= last)) {
    if (has(task, isKey)) {
      if (framesSinceKey !== null) perGap[framesSinceKey] = (perGap[framesSinceKey] ?? 0) + 1;
      framesSinceKey = 0;
      keyPending = true;
      continue;
    }
    if (!has(task, (event) => event.name === 'Commit')) {
      if (dirtiedBy === null && has(task, (event) => DIRTYING.has(event.name)))
        dirtiedBy = describeTask(inside.get(task)!);
      continue;
    }
    framesSinceKey = (framesSinceKey ?? 0) + 1;
    if (!keyPending) {
      const cause = dirtiedBy ?? 'nothing on the main thread';
      causes.set(cause, (causes.get(cause) ?? 0) + 1);
    }
    keyPending = false;
    dirtiedBy = null;
  }
  return {
    keys: keyTasks.length,
    perGap,
    causes: [...causes]
      .map(([cause, frames]) => ({ cause, frames }))
      .sort((a, b) => b.frames - a.frames),
  };
}
