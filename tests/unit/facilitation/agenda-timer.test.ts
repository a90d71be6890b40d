import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addTime,
  changeTimer,
  formatClock,
  nextTopic,
  pauseTimer,
  previousTopic,
  readAgenda,
  readTimer,
  resetTimer,
  resumeTimer,
  startTimer,
  type AgendaTopic,
} from '../../../core/facilitation/index.ts';
import {
  deleteRow,
  moveRow,
  parseTimerState,
  readTimerState,
  setCell,
  type TimerState,
} from '../../../core/schema/index.ts';
import { AGENDA_SECTION_ID, createDocument } from '../../../core/templates/index.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 29, 15, 0, 0);

const AGENDA: AgendaTopic[] = [
  { rowId: 'r1', topic: 'Goals', minutes: 5 },
  { rowId: 'r2', topic: 'Coordinating role', minutes: 30 },
  { rowId: 'r3', topic: 'Next steps', minutes: 15 },
];

function started(): TimerState {
  const state = startTimer({ kind: 'idle' }, AGENDA, T0);
  if (state === null) throw new Error('start should apply');
  return state;
}

describe('reading the time left', () => {
  test('a running topic counts down from its planned minutes', () => {
    const reading = readTimer(started(), AGENDA, T0 + 2 * MIN + 10_000);
    expect(reading).toMatchObject({
      kind: 'running',
      index: 0,
      budgetMs: 5 * MIN,
      elapsedMs: 2 * MIN + 10_000,
      remainingMs: 2 * MIN + 50_000,
      overrunMs: 0,
    });
    expect(reading.current?.topic).toBe('Goals');
    expect(reading.next?.topic).toBe('Coordinating role');
    expect(reading.previous).toBeNull();
  });

  test('a paused topic stands still however long the pause', () => {
    const paused = pauseTimer(started(), AGENDA, T0 + MIN)!;
    expect(paused.kind).toBe('paused');
    expect(readTimer(paused, AGENDA, T0 + 50 * MIN).remainingMs).toBe(4 * MIN);
    const resumed = resumeTimer(paused, AGENDA, T0 + 50 * MIN)!;
    expect(readTimer(resumed, AGENDA, T0 + 51 * MIN).remainingMs).toBe(3 * MIN);
  });

  test('past its budget a topic reports the overrun and no time left', () => {
    const reading = readTimer(started(), AGENDA, T0 + 7 * MIN);
    expect(reading).toMatchObject({ remainingMs: 0, overrunMs: 2 * MIN });
  });

  test('a start stamped in the future by a clock that runs ahead counts as just started', () => {
    expect(readTimer(started(), AGENDA, T0 - 30_000).remainingMs).toBe(5 * MIN);
  });

  test('before anyone starts, the timer is idle and offers the first topic as next', () => {
    const reading = readTimer({ kind: 'idle' }, AGENDA, T0);
    expect(reading).toMatchObject({ kind: 'idle', current: null, remainingMs: 0 });
    expect(reading.next?.rowId).toBe('r1');
  });

  test('mm:ss rounds up, so 00:00 means time is up', () => {
    expect(formatClock(4 * MIN + 59_001)).toBe('05:00');
    expect(formatClock(61_000)).toBe('01:01');
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(-5)).toBe('00:00');
    expect(formatClock(75 * MIN)).toBe('1:15:00');
  });
});

describe('moving through the agenda', () => {
  test('next starts the following topic with a fresh clock and keeps running', () => {
    const next = nextTopic(started(), AGENDA, T0 + 9 * MIN)!; // overrun by 4 min, forgotten
    const reading = readTimer(next, AGENDA, T0 + 10 * MIN);
    expect(reading).toMatchObject({
      kind: 'running',
      index: 1,
      remainingMs: 29 * MIN,
      overrunMs: 0,
    });
  });

  test('next while paused moves on and stays paused', () => {
    const paused = pauseTimer(started(), AGENDA, T0 + MIN)!;
    const next = nextTopic(paused, AGENDA, T0 + 2 * MIN)!;
    expect(readTimer(next, AGENDA, T0 + 9 * MIN)).toMatchObject({
      kind: 'paused',
      index: 1,
      remainingMs: 30 * MIN,
    });
  });

  test('next at the last topic does nothing, and previous at the first does nothing', () => {
    let state = started();
    state = nextTopic(state, AGENDA, T0)!;
    state = nextTopic(state, AGENDA, T0)!;
    expect(readTimer(state, AGENDA, T0).index).toBe(2);
    expect(readTimer(state, AGENDA, T0).next).toBeNull();
    expect(nextTopic(state, AGENDA, T0)).toBeNull();
    expect(previousTopic(started(), AGENDA, T0)).toBeNull();
    expect(readTimer(previousTopic(state, AGENDA, T0)!, AGENDA, T0).index).toBe(1);
  });

  test('added time extends only the current topic and is dropped on the next one', () => {
    const extended = addTime(5 * MIN)(addTime(MIN)(started(), AGENDA, T0)!, AGENDA, T0)!;
    expect(readTimer(extended, AGENDA, T0 + 6 * MIN)).toMatchObject({
      budgetMs: 11 * MIN,
      remainingMs: 5 * MIN,
    });
    expect(
      readTimer(nextTopic(extended, AGENDA, T0 + 6 * MIN)!, AGENDA, T0 + 6 * MIN).budgetMs,
    ).toBe(30 * MIN);
  });

  test('taking time back never makes the budget negative; idle and zero changes do not apply', () => {
    const shortened = addTime(-60 * MIN)(started(), AGENDA, T0)!;
    expect(readTimer(shortened, AGENDA, T0).budgetMs).toBe(0);
    expect(addTime(MIN)({ kind: 'idle' }, AGENDA, T0)).toBeNull();
    expect(addTime(0)(started(), AGENDA, T0)).toBeNull();
    expect(addTime(Number.NaN)(started(), AGENDA, T0)).toBeNull();
  });

  test('pause while paused, resume while running, and start with an empty agenda do not apply', () => {
    const paused = pauseTimer(started(), AGENDA, T0)!;
    expect(pauseTimer(paused, AGENDA, T0)).toBeNull();
    expect(resumeTimer(started(), AGENDA, T0)).toBeNull();
    expect(startTimer({ kind: 'idle' }, [], T0)).toBeNull();
    expect(resetTimer(started(), AGENDA, T0)).toEqual({ kind: 'idle' });
    expect(resetTimer({ kind: 'idle' }, AGENDA, T0)).toBeNull();
  });
});

describe('an agenda edited while the timer runs', () => {
  test('a reordered agenda keeps the topic by its row, and next follows the new order', () => {
    const state = nextTopic(started(), AGENDA, T0)!; // r2
    const reordered = [AGENDA[1]!, AGENDA[0]!, AGENDA[2]!];
    const reading = readTimer(state, reordered, T0);
    expect(reading).toMatchObject({ index: 0, topicReplaced: false });
    expect(reading.current?.rowId).toBe('r2');
    expect(reading.next?.rowId).toBe('r1');
  });

  test('a deleted current row falls back to the topic now in its place, and says so', () => {
    const state = nextTopic(started(), AGENDA, T0)!; // r2 at index 1
    const withoutIt = [AGENDA[0]!, AGENDA[2]!];
    const reading = readTimer(state, withoutIt, T0);
    expect(reading).toMatchObject({ index: 1, topicReplaced: true });
    expect(reading.current?.rowId).toBe('r3');
    expect(readTimer(nextTopic(started(), AGENDA, T0)!, [AGENDA[0]!], T0).current?.rowId).toBe(
      'r1',
    );
  });

  test('an agenda emptied under a running timer shows no topic instead of failing', () => {
    const reading = readTimer(started(), [], T0 + MIN);
    expect(reading).toMatchObject({ current: null, index: -1, next: null, topicReplaced: false });
    expect(nextTopic(started(), [], T0)).toBeNull();
  });
});

describe('a timer state from another version or a hostile client', () => {
  test.each([
    ['a number', 42],
    ['a list', [1, 2]],
    ['a record without a topic', { startedAt: T0 }],
    ['a string', 'running'],
  ])('%s reads as not started, with a problem', (_name, raw) => {
    const read = parseTimerState(raw);
    expect(read.value).toEqual({ kind: 'idle' });
    expect(read.problems.length).toBeGreaterThan(0);
  });

  test('bad fields are reported and replaced, not thrown', () => {
    const read = parseTimerState({
      topicRowId: 7,
      topicIndex: 1,
      startedAt: 'soon',
      elapsedMs: -5,
      extraMs: Number.POSITIVE_INFINITY,
      futureField: true,
    });
    expect(read.value).toEqual({
      kind: 'paused',
      topicRowId: '',
      topicIndex: 1,
      startedAt: null,
      elapsedMs: 0,
      extraMs: 0,
    });
    expect(read.problems.map((problem) => problem.path)).toEqual([
      'agendaTimer.state.topicRowId',
      'agendaTimer.state.startedAt',
      'agendaTimer.state.elapsedMs',
      'agendaTimer.state.extraMs',
    ]);
    expect(readTimer(read.value, AGENDA, T0).current?.rowId).toBe('r2');
  });

  test('a document whose timer map holds junk still opens and reads', () => {
    const doc = new Y.Doc();
    doc.getMap('agendaTimer').set('state', new Y.Map());
    expect(() => readTimerState(doc)).not.toThrow();
    expect(readTimerState(doc).value.kind).toBe('idle');
  });
});

describe('the timer in a document', () => {
  function workingSession(): Y.Doc {
    const doc = new Y.Doc();
    const created = createDocument(doc, { template: 'roles-working-session' });
    if (!created.ok) throw new Error(created.message);
    return doc;
  }

  test('reads the agenda from the working-session template', () => {
    const agenda = readAgenda(workingSession());
    expect(agenda?.problems).toEqual([]);
    expect(agenda?.value.map((topic) => topic.minutes)).toEqual([5, 30, 5, 35, 15]);
    expect(agenda?.value[0]?.topic).toBe('Meeting goals and introduction');
  });

  test('a document without an agenda has no timer to change', () => {
    const doc = new Y.Doc();
    createDocument(doc, { template: 'barriers' });
    expect(readAgenda(doc)).toBeNull();
    expect(changeTimer(doc, startTimer, T0)).toBe(false);
  });

  test('transitions are stored and read back; rows moved or deleted and minutes edited are followed', () => {
    const doc = workingSession();
    expect(changeTimer(doc, startTimer, T0)).toBe(true);
    expect(changeTimer(doc, nextTopic, T0 + MIN)).toBe(true);
    const agenda = readAgenda(doc)!.value;
    const second = agenda[1]!.rowId;
    expect(readTimer(readTimerState(doc).value, agenda, T0 + 2 * MIN)).toMatchObject({
      index: 1,
      remainingMs: 29 * MIN,
    });

    setCell(doc, AGENDA_SECTION_ID, second, 'minutes', 10);
    moveRow(doc, AGENDA_SECTION_ID, second, 4);
    const moved = readTimer(readTimerState(doc).value, readAgenda(doc)!.value, T0 + 2 * MIN);
    expect(moved).toMatchObject({ index: 4, remainingMs: 9 * MIN, next: null });

    deleteRow(doc, AGENDA_SECTION_ID, second);
    const replaced = readTimer(readTimerState(doc).value, readAgenda(doc)!.value, T0 + 2 * MIN);
    expect(replaced.topicReplaced).toBe(true);
    expect(replaced.current).not.toBeNull();
    expect(changeTimer(doc, resetTimer, T0)).toBe(true);
    expect(readTimerState(doc).value.kind).toBe('idle');
  });
});
