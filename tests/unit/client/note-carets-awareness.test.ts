import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { NoteCaretsAwareness } from '../../../client/editor/note-carets-awareness.ts';
import { FrameAwareness } from '../../../client/sync/frame-awareness.ts';

// Frames, driven by hand: the test says when the next frame comes.
let frames: (() => void)[];
beforeEach(() => {
  frames = [];
  globalThis.requestAnimationFrame = ((callback: FrameRequestCallback) =>
    frames.push(() => callback(0))) as typeof requestAnimationFrame;
  globalThis.cancelAnimationFrame = (() => undefined) as typeof cancelAnimationFrame;
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'requestAnimationFrame');
  Reflect.deleteProperty(globalThis, 'cancelAnimationFrame');
});
function runFrame(): void {
  const due = frames;
  frames = [];
  for (const callback of due) callback();
}

/** A document with two notes, each a paragraph of text, and a caret (as y-tiptap publishes it) in either. */
function twoNotes() {
  const doc = new Y.Doc();
  const [first, second] = ['first', 'second'].map((name) => {
    const fragment = doc.getMap('sections').set(name, new Y.XmlFragment());
    const paragraph = new Y.XmlElement('paragraph');
    fragment.insert(0, [paragraph]);
    paragraph.insert(0, [new Y.XmlText(`text of the ${name} note`)]);
    return fragment;
  });
  const caretAt = (fragment: Y.XmlFragment, index: number) => {
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const position = Y.createRelativePositionFromTypeIndex(text, index);
    return { anchor: Y.relativePositionToJSON(position), head: Y.relativePositionToJSON(position) };
  };
  return { doc, first: first!, second: second!, caretAt };
}

/** Someone else's presence, applied to the page's awareness as the provider applies it. */
function setRemote(awareness: Awareness, id: number, state: Record<string, unknown> | null): void {
  const known = awareness.states.has(id);
  if (state === null) awareness.states.delete(id);
  else awareness.states.set(id, state);
  const change = {
    added: known || state === null ? [] : [id],
    updated: known && state !== null ? [id] : [],
    removed: state === null ? [id] : [],
  };
  awareness.emit('change', [change, 'remote']);
  awareness.emit('update', [change, 'remote']);
}

describe("a note editor's carets", () => {
  test('hear only of people whose caret is or was in their note', () => {
    const { doc, first, second, caretAt } = twoNotes();
    const inner = new Awareness(doc);
    const framed = new FrameAwareness(inner);
    const heard = { first: [] as number[][], second: [] as number[][] };
    const firstNote = new NoteCaretsAwareness(framed, first);
    const secondNote = new NoteCaretsAwareness(framed, second);
    firstNote.on('change', (c) => heard.first.push([...c.added, ...c.updated, ...c.removed]));
    secondNote.on('change', (c) => heard.second.push([...c.added, ...c.updated, ...c.removed]));
    const user = { name: 'Ana', color: '#333' };

    setRemote(inner, 7, { user, cursor: caretAt(first, 2) });
    runFrame();
    expect(heard).toEqual({ first: [[7]], second: [] });

    setRemote(inner, 7, { user, cursor: caretAt(first, 3) });
    runFrame();
    expect(heard).toEqual({ first: [[7], [7]], second: [] });

    // Moving to the other note: the first note hears it (to take the caret away), and so does the second.
    setRemote(inner, 7, { user, cursor: caretAt(second, 1) });
    runFrame();
    expect(heard).toEqual({ first: [[7], [7], [7]], second: [[7]] });

    // Someone in a table cell concerns neither note; leaving concerns the note the caret was in.
    setRemote(inner, 8, { user, cell: { row: 'r', column: 'c' } });
    runFrame();
    setRemote(inner, 7, null);
    runFrame();
    expect(heard).toEqual({ first: [[7], [7], [7]], second: [[7], [7]] });
  });

  test('a caret already in the note when its editor starts listening is heard of when it leaves; this page is never', () => {
    const { doc, first, second, caretAt } = twoNotes();
    const inner = new Awareness(doc);
    const framed = new FrameAwareness(inner);
    const user = { name: 'Bo', color: '#333' };
    setRemote(inner, 9, { user, cursor: caretAt(first, 1) });
    runFrame();
    const firstNote = new NoteCaretsAwareness(framed, first);
    const heard: number[][] = [];
    const listener = (c: { added: number[]; updated: number[]; removed: number[] }) =>
      heard.push([...c.added, ...c.updated, ...c.removed]);
    firstNote.on('change', listener);
    setRemote(inner, 9, { user, cursor: caretAt(second, 1) });
    framed.setLocalStateField('cursor', caretAt(first, 4));
    runFrame();
    expect(heard).toEqual([[9]]);
    expect(firstNote.getLocalState()).toMatchObject({ cursor: caretAt(first, 4) });

    // Once the editor stops listening, nothing reaches it.
    firstNote.off('change', listener);
    setRemote(inner, 9, { user, cursor: caretAt(first, 2) });
    runFrame();
    expect(heard).toEqual([[9]]);
  });
});
