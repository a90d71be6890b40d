import { describe, expect, test } from 'vitest';
import { readFramesBetweenKeys } from '../../bench/client/frames-between-keys.ts';
import type { TraceEvent } from '../../bench/client/thread-time.ts';

const MAIN = { pid: 1, tid: 7 };
const event = (name: string, ts: number, data?: object): TraceEvent => ({
  name,
  ph: 'X',
  ts,
  dur: 10,
  ...MAIN,
  ...(data === undefined ? {} : { args: { data } }),
});
const task = (ts: number, ...inside: TraceEvent[]): TraceEvent[] => [
  { name: 'RunTask', ph: 'X', ts, dur: 100, ...MAIN },
  ...inside,
];
const key = (ts: number) => task(ts, event('EventDispatch', ts + 1, { type: 'keydown' }));
const frame = (ts: number) => task(ts, event('Commit', ts + 50));
const timer = (ts: number, functionName: string, dirties: boolean) =>
  task(
    ts,
    event('TimerFire', ts + 1),
    event('FunctionCall', ts + 2, {
      functionName,
      url: 'http://x/assets/document-page-D1trbJyh.js',
      lineNumber: 140,
      columnNumber: 637,
    }),
    ...(dirties ? [event('InvalidateLayout', ts + 3)] : []),
  );

describe('the frames between keystrokes', () => {
  test("counts the frames per gap and names the first task that changed the page before each frame but a key's own", () => {
    const events = [
      ...key(0),
      ...frame(1_000),
      ...timer(2_000, 'quiet', false),
      ...timer(3_000, 'refresh', true),
      ...timer(4_000, 'later', true),
      ...frame(5_000),
      ...frame(6_000),
      ...key(20_000),
      ...frame(21_000),
      ...key(40_000),
      // Another thread's frames are not the page's.
      { ...frame(41_000)[1]!, tid: 9 },
    ];
    expect(readFramesBetweenKeys(events)).toEqual({
      keys: 3,
      perGap: { 3: 1, 1: 1 },
      causes: [
        { cause: 'timer refresh document-page:140:637', frames: 1 },
        { cause: 'nothing on the main thread', frames: 1 },
      ],
    });
  });

  test('a trace without keystrokes has nothing to read', () => {
    expect(readFramesBetweenKeys(frame(0))).toBeNull();
  });
});
