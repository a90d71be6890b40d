import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FrameAwareness } from '../../../client/sync/frame-awareness.ts';

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

describe('an awareness that announces once per frame', () => {
  test('many caret moves in a frame are one change with every client in it; writes pass straight through', () => {
    const inner = new Awareness(new Y.Doc());
    const remote = new Awareness(new Y.Doc());
    const framed = new FrameAwareness(inner);
    const changes: { added: number[]; updated: number[]; removed: number[] }[] = [];
    framed.on('change', (change) => changes.push(change));

    framed.setLocalStateField('cursor', { at: 1 });
    expect(inner.getLocalState()).toMatchObject({ cursor: { at: 1 } });
    for (let at = 2; at < 12; at++) framed.setLocalStateField('cursor', { at });
    remote.setLocalStateField('cursor', { at: 5 });
    inner.setLocalState(inner.getLocalState()); // a refresh
    // Apply the remote client's state as the provider would.
    const update = new Map([[remote.clientID, remote.getLocalState()]]);
    inner.states.set(remote.clientID, update.get(remote.clientID)!);
    inner.emit('change', [{ added: [remote.clientID], updated: [], removed: [] }, 'remote']);

    expect(changes).toEqual([]);
    runFrame();
    expect(changes).toHaveLength(1);
    expect(changes[0]!.updated).toContain(inner.clientID);
    expect(changes[0]!.added).toEqual([remote.clientID]);
    expect(framed.getStates().get(remote.clientID)).toMatchObject({ cursor: { at: 5 } });
    expect(framed.clientID).toBe(inner.clientID);

    runFrame();
    expect(changes).toHaveLength(1);
    framed.destroy();
    inner.setLocalStateField('cursor', null);
    runFrame();
    expect(changes).toHaveLength(1);
  });

  test('a refresh that changes nothing is an update, not a change', () => {
    const inner = new Awareness(new Y.Doc());
    const framed = new FrameAwareness(inner);
    let changes = 0;
    let updates = 0;
    framed.on('change', () => changes++);
    framed.on('update', () => updates++);
    inner.emit('update', [{ added: [], updated: [inner.clientID], removed: [] }, 'refresh']);
    runFrame();
    expect({ changes, updates }).toEqual({ changes: 0, updates: 1 });
    framed.destroy();
  });

  test('someone moving between table cells is no change for the note editors; their caret or name is', () => {
    const inner = new Awareness(new Y.Doc());
    const framed = new FrameAwareness(inner);
    const updated: number[][] = [];
    framed.on('change', (change) => updated.push(change.updated));
    const remote = 42;
    const setRemote = (state: Record<string, unknown>): void => {
      const added = !inner.states.has(remote);
      inner.states.set(remote, state);
      inner.emit('change', [
        { added: added ? [remote] : [], updated: added ? [] : [remote], removed: [] },
        'remote',
      ]);
    };
    setRemote({ user: { name: 'Ana' }, cell: { rowId: 'a' } });
    runFrame();
    setRemote({ user: { name: 'Ana' }, cell: { rowId: 'b' } });
    runFrame();
    setRemote({ user: { name: 'Ana' }, cell: null, cursor: { anchor: 1 } });
    runFrame();
    setRemote({ user: { name: 'Ana Silva' }, cell: null, cursor: { anchor: 1 } });
    runFrame();
    expect(updated).toEqual([[], [remote], [remote]]);
    framed.destroy();
  });
});

describe("the note editors' writes", () => {
  test('a field set to what it holds is not sent again; a new value is', () => {
    const inner = new Awareness(new Y.Doc());
    const framed = new FrameAwareness(inner);
    let updates = 0;
    inner.on('update', () => updates++);
    framed.setLocalStateField('cursor', { anchor: { item: { client: 1, clock: 4 } } });
    framed.setLocalStateField('cursor', { anchor: { item: { client: 1, clock: 4 } } });
    expect(updates).toBe(1);
    framed.setLocalStateField('cursor', { anchor: { item: { client: 1, clock: 5 } } });
    framed.setLocalStateField('cursor', null);
    framed.setLocalStateField('cursor', null);
    expect(updates).toBe(3);
    expect(inner.getLocalState()).toMatchObject({ cursor: null });
    framed.destroy();
  });
});
