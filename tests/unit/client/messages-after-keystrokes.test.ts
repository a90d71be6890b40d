import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { MessagesAfterKeystrokes } from '../../../client/sync/messages-after-keystrokes.ts';
import { socketDeliveringThrough } from '../../../client/sync/socket-delivering-through.ts';

// Frames and the clock, driven by hand: the test says when the next frame comes.
let frames: (() => void)[];
beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  globalThis.requestAnimationFrame = ((callback: FrameRequestCallback) => {
    frames.push(() => callback(0));
    return frames.length;
  }) as typeof requestAnimationFrame;
});
afterEach(() => {
  vi.useRealTimers();
  Reflect.deleteProperty(globalThis, 'requestAnimationFrame');
});
function drawFrame(): void {
  const due = frames;
  frames = [];
  for (const callback of due) callback();
}

function keyboard() {
  const target = new EventTarget();
  const press = () => target.dispatchEvent(new Event('keydown'));
  return { target: target as unknown as Window, press };
}

describe("others' messages while this person types", () => {
  test('run at once while nobody types', () => {
    const { target } = keyboard();
    const gate = new MessagesAfterKeystrokes(target, () => Date.now());
    const ran: string[] = [];
    gate.deliver(() => ran.push('a'));
    expect(ran).toEqual(['a']);
  });

  test("wait for the keystroke's frame, then run in the order they came", () => {
    const { target, press } = keyboard();
    const gate = new MessagesAfterKeystrokes(target, () => Date.now());
    const ran: string[] = [];
    press();
    gate.deliver(() => ran.push('a'));
    gate.deliver(() => ran.push('b'));
    expect(ran).toEqual([]);
    drawFrame();
    expect(ran).toEqual([]); // still inside the frame that draws the keystroke
    vi.advanceTimersByTime(0);
    expect(ran).toEqual(['a', 'b']);
  });

  test('never wait more than 100 ms, and run at once again after a pause in typing', () => {
    const { target, press } = keyboard();
    const gate = new MessagesAfterKeystrokes(target, () => Date.now());
    const ran: string[] = [];
    press();
    drawFrame();
    vi.advanceTimersByTime(0);
    gate.deliver(() => ran.push('a'));
    vi.advanceTimersByTime(99);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a']);
    vi.advanceTimersByTime(1000);
    gate.deliver(() => ran.push('b'));
    expect(ran).toEqual(['a', 'b']);
  });
});

class FakeSocket {
  static last: FakeSocket;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  binaryType = 'blob';
  readyState = 1;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
}

describe('a socket delivering through the gate', () => {
  test('messages wait while typing; a close runs the waiting ones before the provider hears it', () => {
    const { target, press } = keyboard();
    const gate = new MessagesAfterKeystrokes(target, () => Date.now());
    const Socket = socketDeliveringThrough(
      FakeSocket as unknown as typeof WebSocket,
      gate.deliver,
      gate.release,
    );
    const socket = new Socket('ws://relay/doc');
    const heard: string[] = [];
    socket.onmessage = (event) => heard.push(String(event.data));
    socket.onclose = () => heard.push('closed');
    socket.binaryType = 'arraybuffer';
    expect(FakeSocket.last.binaryType).toBe('arraybuffer');

    FakeSocket.last.onmessage?.({ data: 'first' } as MessageEvent);
    expect(heard).toEqual(['first']);
    press();
    FakeSocket.last.onmessage?.({ data: 'second' } as MessageEvent);
    expect(heard).toEqual(['first']);
    FakeSocket.last.onclose?.({} as CloseEvent);
    expect(heard).toEqual(['first', 'second', 'closed']);
  });
});
