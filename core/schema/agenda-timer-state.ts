import type * as Y from 'yjs';
import { describeType, type Problem, type Read } from './problems.ts';

/**
 * The present view's agenda timer, stored in the document so every laptop shows the same timer
 * and it survives reloads and reconnects. Added in schema 2; additive: a top-level map that older
 * builds never read.
 *
 * The timer stores moments and durations, never a ticking counter: `startedAt` (epoch ms, the
 * writer's clock) while running, plus the time already spent on the topic before that. Anyone can
 * compute the time left at any moment without anyone writing every second.
 *
 * The whole state is ONE value under one key, written in one transaction. Two facilitators who
 * press at the same moment therefore never merge into a mix of both (the topic of one with the
 * start time of the other): Yjs keeps one whole write, the same one on every replica.
 */
const TIMER_MAP = 'agendaTimer';
const STATE = 'state';

export interface TimerRunState {
  /** The agenda row being discussed. Rows are referenced by id, so reordering keeps the topic. */
  readonly topicRowId: string;
  /** Where that row was when this was written: the fallback when the row has since been deleted. */
  readonly topicIndex: number;
  /** Epoch ms when the current run began; null while paused. */
  readonly startedAt: number | null;
  /** Time spent on this topic before `startedAt` (from earlier runs, before a pause). */
  readonly elapsedMs: number;
  /** Time added to this topic's planned minutes ("+1 min"); may be negative only if a newer build says so. */
  readonly extraMs: number;
}

/** `idle`: nobody has started the agenda (or it was reset). */
export type TimerState =
  { readonly kind: 'idle' } | ({ readonly kind: 'running' | 'paused' } & TimerRunState);

export const IDLE_TIMER: TimerState = { kind: 'idle' };

function timerMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(TIMER_MAP);
}

const MAX_DURATION_MS = 7 * 24 * 60 * 60 * 1000;

/** Reads the timer; never throws. A malformed state reads as far as possible, else as idle. */
export function readTimerState(doc: Y.Doc): Read<TimerState> {
  const raw = timerMap(doc).get(STATE);
  if (raw === undefined || raw === null) return { value: IDLE_TIMER, problems: [] };
  return parseTimerState(raw);
}

/** Exposed for tests of odd states from other builds; `readTimerState` is the way in. */
export function parseTimerState(raw: unknown): Read<TimerState> {
  const problems: Problem[] = [];
  const path = 'agendaTimer.state';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({
      path,
      code: 'wrong-type',
      message: `the agenda timer should be a record, found ${describeType(raw)}; shown as not started`,
    });
    return { value: IDLE_TIMER, problems };
  }
  const record = raw as Record<string, unknown>;
  const { topicRowId, topicIndex, startedAt, elapsedMs, extraMs } = record;
  const finite = (value: unknown): value is number =>
    typeof value === 'number' && Number.isFinite(value);

  const rowId = typeof topicRowId === 'string' && topicRowId !== '' ? topicRowId : null;
  const index = finite(topicIndex) && topicIndex >= 0 ? Math.floor(topicIndex) : null;
  if (rowId === null && index === null) {
    problems.push({
      path: `${path}.topicRowId`,
      code: 'invalid-value',
      message: 'the agenda timer names no topic; shown as not started',
    });
    return { value: IDLE_TIMER, problems };
  }
  if (rowId === null)
    problems.push({
      path: `${path}.topicRowId`,
      code: 'invalid-value',
      message: `topic row should be an id, found ${describeType(topicRowId)}; using its position`,
    });
  if (index === null)
    problems.push({
      path: `${path}.topicIndex`,
      code: 'invalid-value',
      message: `topic position should be a whole number, found ${describeType(topicIndex)}`,
    });

  let start: number | null = null;
  if (finite(startedAt) && startedAt > 0) start = startedAt;
  else if (startedAt !== null && startedAt !== undefined) {
    problems.push({
      path: `${path}.startedAt`,
      code: 'invalid-value',
      message: `start time should be a moment or empty, found ${JSON.stringify(startedAt) ?? describeType(startedAt)}; shown as paused`,
    });
  }
  const duration = (value: unknown, name: string, allowNegative: boolean): number => {
    if (value === undefined) return 0;
    if (finite(value) && Math.abs(value) <= MAX_DURATION_MS && (allowNegative || value >= 0))
      return value;
    problems.push({
      path: `${path}.${name}`,
      code: 'invalid-value',
      message: `${name} should be a duration in ms, found ${JSON.stringify(value) ?? describeType(value)}; counted as 0`,
    });
    return 0;
  };

  return {
    value: {
      kind: start === null ? 'paused' : 'running',
      // An empty id matches no row, so the position decides, as for a deleted row.
      topicRowId: rowId ?? '',
      topicIndex: index ?? 0,
      startedAt: start,
      elapsedMs: duration(elapsedMs, 'elapsedMs', false),
      extraMs: duration(extraMs, 'extraMs', true),
    },
    problems,
  };
}

/** Replaces the whole timer state in one write (see the note above on why one value). */
export function writeTimerState(doc: Y.Doc, state: TimerState): void {
  const map = timerMap(doc);
  if (state.kind === 'idle') {
    map.delete(STATE);
    return;
  }
  const { topicRowId, topicIndex, startedAt, elapsedMs, extraMs } = state;
  map.set(STATE, {
    topicRowId,
    topicIndex,
    startedAt: state.kind === 'running' ? startedAt : null,
    elapsedMs,
    extraMs,
  });
}
