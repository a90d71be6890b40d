import { describe, expect, test } from 'vitest';
import { summariseThreadTime, type TraceEvent } from '../../bench/client/thread-time.ts';

const MAIN = { pid: 1, tid: 7 };
const task = (name: string, ts: number, dur: number, tdur: number, at = MAIN): TraceEvent => ({
  name,
  ph: 'X',
  ts,
  dur,
  tdur,
  ...at,
});
const mark = (name: string, ts: number): TraceEvent => ({ name, ph: 'R', ts, ...MAIN });
const keydown = (ts: number): TraceEvent => ({
  name: 'EventDispatch',
  ph: 'X',
  ts,
  dur: 100,
  tdur: 100,
  ...MAIN,
  args: { data: { type: 'keydown' } },
});

describe('the main thread CPU time per keystroke', () => {
  test('counts the thread time of each phase between its marks, per keydown, and nested scripts once', () => {
    const events: TraceEvent[] = [
      mark('bench-note', 0),
      keydown(1_000),
      keydown(2_000),
      task('RunTask', 1_000, 9_000, 4_000),
      task('FunctionCall', 1_100, 5_000, 2_000),
      // A script called from inside another (a focus handler run by focus()) is not counted again.
      task('FunctionCall', 1_200, 1_000, 500),
      task('UpdateLayoutTree', 7_000, 1_000, 600),
      // Another thread's work is not the page's.
      task('RunTask', 3_000, 50_000, 50_000, { pid: 1, tid: 9 }),
      mark('bench-cell', 100_000),
      keydown(100_500),
      task('RunTask', 100_500, 80_000, 60_000),
      task('Layout', 101_000, 3_000, 3_000),
      mark('bench-end', 200_000),
    ];
    const [note, cell] = summariseThreadTime(events, ['bench-note', 'bench-cell', 'bench-end']);
    expect(note).toMatchObject({
      phase: 'bench-note',
      keys: 2,
      cpuMsPerKey: 2,
      scriptMsPerKey: 1,
      styleMsPerKey: 0.3,
      longTasks: 0,
      maxTaskMs: 4,
    });
    expect(cell).toMatchObject({
      phase: 'bench-cell',
      keys: 1,
      cpuMsPerKey: 60,
      layoutMsPerKey: 3,
      longTasks: 1,
      maxTaskMs: 60,
    });
  });

  test('gives nothing for a trace without keystrokes or marks', () => {
    expect(summariseThreadTime([task('RunTask', 0, 10, 10)], ['bench-note', 'bench-end'])).toEqual(
      [],
    );
    expect(summariseThreadTime([keydown(5)], ['bench-note', 'bench-end'])).toEqual([]);
  });
});
