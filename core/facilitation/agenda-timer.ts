import type { TimerRunState, TimerState } from '../schema/agenda-timer-state.ts';
import type { AgendaTopic } from './agenda.ts';

/**
 * The agenda timer's arithmetic and transitions, as pure functions of the stored state, the
 * agenda and a moment `now` (epoch ms). Nothing here reads a clock: callers pass `now`, so every
 * laptop computes the same answer from the same document, and tests need no fake timers.
 */

const MINUTE_MS = 60_000;

export interface TimerReading {
  /** `idle` until someone starts; `running` or `paused` after. */
  readonly kind: TimerState['kind'];
  /** The topic being discussed; null when idle or when the agenda is empty. */
  readonly current: AgendaTopic | null;
  /** Position of `current` in the agenda (0-based), or -1. */
  readonly index: number;
  readonly next: AgendaTopic | null;
  readonly previous: AgendaTopic | null;
  /** Planned minutes plus added time. */
  readonly budgetMs: number;
  readonly elapsedMs: number;
  /** Time left, 0 once overrun. */
  readonly remainingMs: number;
  /** Time past the budget, 0 until then. */
  readonly overrunMs: number;
  /**
   * True when the stored topic's row is gone (deleted) and the topic now in its place is shown;
   * the timer keeps counting against that one rather than stopping the meeting.
   */
  readonly topicReplaced: boolean;
}

/** Where the stored topic is now: by row id, else by its old position (clamped to the agenda). */
function locateTopic(
  state: TimerRunState,
  agenda: readonly AgendaTopic[],
): { index: number; replaced: boolean } {
  const byId = agenda.findIndex((topic) => topic.rowId === state.topicRowId);
  if (byId !== -1) return { index: byId, replaced: false };
  if (agenda.length === 0) return { index: -1, replaced: true };
  return { index: Math.min(state.topicIndex, agenda.length - 1), replaced: true };
}

function elapsedAt(state: TimerRunState, now: number): number {
  // A start stamped in the future (another laptop's clock runs ahead) counts as just started.
  return state.elapsedMs + (state.startedAt === null ? 0 : Math.max(0, now - state.startedAt));
}

/** What the timer shows at `now`. */
export function readTimer(
  state: TimerState,
  agenda: readonly AgendaTopic[],
  now: number,
): TimerReading {
  if (state.kind === 'idle') {
    return {
      kind: 'idle',
      current: null,
      index: -1,
      next: agenda[0] ?? null,
      previous: null,
      budgetMs: 0,
      elapsedMs: 0,
      remainingMs: 0,
      overrunMs: 0,
      topicReplaced: false,
    };
  }
  const { index, replaced } = locateTopic(state, agenda);
  const current = agenda[index] ?? null;
  const budgetMs = Math.max(0, (current?.minutes ?? 0) * MINUTE_MS + state.extraMs);
  const elapsedMs = elapsedAt(state, now);
  return {
    kind: state.kind,
    current,
    index,
    next: index === -1 ? null : (agenda[index + 1] ?? null),
    previous: index <= 0 ? null : (agenda[index - 1] ?? null),
    budgetMs,
    elapsedMs,
    remainingMs: Math.max(0, budgetMs - elapsedMs),
    overrunMs: Math.max(0, elapsedMs - budgetMs),
    topicReplaced: replaced && current !== null,
  };
}

/**
 * A transition: the next state, or null when it does not apply (next at the last topic, pause
 * while paused, anything but start while idle). Callers write nothing on null.
 */
export type TimerTransition = (
  state: TimerState,
  agenda: readonly AgendaTopic[],
  now: number,
) => TimerState | null;

function topicState(
  agenda: readonly AgendaTopic[],
  index: number,
  running: boolean,
  now: number,
): TimerState | null {
  const topic = agenda[index];
  if (topic === undefined) return null;
  return {
    kind: running ? 'running' : 'paused',
    topicRowId: topic.rowId,
    topicIndex: index,
    startedAt: running ? now : null,
    elapsedMs: 0,
    extraMs: 0,
  };
}

/** Starts the first topic when idle; resumes when paused. */
export const startTimer: TimerTransition = (state, agenda, now) => {
  if (state.kind === 'idle') return topicState(agenda, 0, true, now);
  return resumeTimer(state, agenda, now);
};

export const pauseTimer: TimerTransition = (state, _agenda, now) => {
  if (state.kind !== 'running') return null;
  return { ...state, kind: 'paused', elapsedMs: elapsedAt(state, now), startedAt: null };
};

export const resumeTimer: TimerTransition = (state, _agenda, now) => {
  if (state.kind !== 'paused') return null;
  return { ...state, kind: 'running', startedAt: now };
};

/** Moves to the topic after the current one with a fresh clock; keeps running or paused as it was. */
export const nextTopic: TimerTransition = (state, agenda, now) => {
  if (state.kind === 'idle') return null;
  const { index } = locateTopic(state, agenda);
  return index === -1 ? null : topicState(agenda, index + 1, state.kind === 'running', now);
};

export const previousTopic: TimerTransition = (state, agenda, now) => {
  if (state.kind === 'idle') return null;
  const { index } = locateTopic(state, agenda);
  return index <= 0 ? null : topicState(agenda, index - 1, state.kind === 'running', now);
};

/** Adds (or, with a negative amount, takes back) time on the current topic; the budget never drops below 0. */
export function addTime(amountMs: number): TimerTransition {
  return (state, agenda) => {
    if (state.kind === 'idle' || !Number.isFinite(amountMs) || amountMs === 0) return null;
    const { index } = locateTopic(state, agenda);
    const plannedMs = (agenda[index]?.minutes ?? 0) * MINUTE_MS;
    const extraMs = Math.max(-plannedMs, state.extraMs + amountMs);
    return extraMs === state.extraMs ? null : { ...state, extraMs };
  };
}

/** Back to "not started". */
export const resetTimer: TimerTransition = (state) =>
  state.kind === 'idle' ? null : { kind: 'idle' };

/** mm:ss (or h:mm:ss past an hour) for a duration, rounded up so 0:00 shows only when time is up. */
export function formatClock(ms: number): string {
  const totalSeconds = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (value: number): string => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}
