import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { beforeNextFrame, runFrameWorkNow } from '../../../client/sync/next-frame-work.ts';

// Frames, driven by hand: the test says when the next frame comes.
let frames: Map<number, () => void>;
let nextFrame = 1;
beforeEach(() => {
  frames = new Map();
  globalThis.requestAnimationFrame = ((callback: FrameRequestCallback) => {
    const id = nextFrame++;
    frames.set(id, () => callback(0));
    return id;
  }) as typeof requestAnimationFrame;
  globalThis.cancelAnimationFrame = ((id: number) =>
    frames.delete(id)) as typeof cancelAnimationFrame;
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'requestAnimationFrame');
  Reflect.deleteProperty(globalThis, 'cancelAnimationFrame');
});
function runFrame(): void {
  const due = [...frames.values()];
  frames.clear();
  for (const callback of due) callback();
}

describe('work for the next frame', () => {
  test('runs once in the next frame, however often asked, all of it in one frame', () => {
    const ran: string[] = [];
    const view = () => ran.push('view');
    const people = () => ran.push('people');
    beforeNextFrame(view);
    beforeNextFrame(view);
    beforeNextFrame(people);
    expect(ran).toEqual([]);
    expect(frames.size).toBe(1);
    runFrame();
    expect(ran).toEqual(['view', 'people']);
    runFrame();
    expect(ran).toEqual(['view', 'people']);
  });

  test('a cancelled piece does not run, and no frame is asked for when nothing is left', () => {
    const ran: string[] = [];
    const cancel = beforeNextFrame(() => ran.push('view'));
    cancel();
    expect(frames.size).toBe(0);
    runFrame();
    expect(ran).toEqual([]);
    beforeNextFrame(() => ran.push('again'));
    runFrame();
    expect(ran).toEqual(['again']);
  });

  test('run now, in this task: the frame has nothing left to do, and later work asks for a new one', () => {
    const ran: string[] = [];
    beforeNextFrame(() => ran.push('carets'));
    runFrameWorkNow();
    expect(ran).toEqual(['carets']);
    expect(frames.size).toBe(0);
    beforeNextFrame(() => ran.push('view'));
    expect(frames.size).toBe(1);
    runFrame();
    expect(ran).toEqual(['carets', 'view']);
  });
});
