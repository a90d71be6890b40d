import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { applyReceivedUpdate } from '../../../sync-server/relay/apply-received.ts';

/** A client's keystrokes, each as the update its document emitted. */
function typist() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates, text: doc.getText('notes') };
}

/** What a replica holding only `changes` shows. */
function replicaOf(...changes: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const change of changes) Y.applyUpdate(doc, change);
  return doc.getText('notes').toString();
}

describe('applying a client update in a round', () => {
  test('a keystroke is stored and relayed as the bytes the client sent', () => {
    const room = new Y.Doc();
    const client = typist();
    client.text.insert(0, 'a');
    const { change, error } = applyReceivedUpdate(room, client.updates[0]!, null);
    expect(error).toBeNull();
    expect(change).toBe(client.updates[0]);
    expect(room.getText('notes').toString()).toBe('a');
  });

  test('an update that changes nothing (already applied) is no change', () => {
    const room = new Y.Doc();
    const client = typist();
    client.text.insert(0, 'a');
    applyReceivedUpdate(room, client.updates[0]!, null);
    expect(applyReceivedUpdate(room, client.updates[0]!, null)).toEqual({
      change: null,
      error: null,
    });
  });

  test('a deletion, which moves no clock, is a change', () => {
    const room = new Y.Doc();
    const client = typist();
    client.text.insert(0, 'ab');
    client.text.delete(0, 1);
    applyReceivedUpdate(room, client.updates[0]!, null);
    const { change } = applyReceivedUpdate(room, client.updates[1]!, null);
    expect(change).toBe(client.updates[1]);
    expect(replicaOf(client.updates[0]!, change!)).toBe('b');
  });

  test("an update completing one that waited for it is relayed as Yjs's encoding of both, so replicas get what the room integrated", () => {
    const room = new Y.Doc();
    const client = typist();
    client.text.insert(0, 'a');
    client.text.insert(1, 'b');
    const [first, second] = client.updates;
    // "b" first: it waits for "a". Its bytes are relayed as they came; a replica holds them waiting too.
    const early = applyReceivedUpdate(room, second!, null);
    expect(room.getText('notes').toString()).toBe('');
    const completing = applyReceivedUpdate(room, first!, null);
    expect(room.getText('notes').toString()).toBe('ab');
    expect(completing.change).not.toBe(first);
    expect(replicaOf(completing.change!)).toBe('ab');
    expect(replicaOf(early.change ?? new Uint8Array([0, 0]), completing.change!)).toBe('ab');
  });

  test('an update that does not decode is refused and changes nothing', () => {
    const room = new Y.Doc();
    const { change, error } = applyReceivedUpdate(room, new Uint8Array([1, 2, 3, 250, 7]), null);
    expect(error).not.toBeNull();
    expect(change).toBeNull();
  });
});
