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

/**
 * A client's note paragraph as y-prosemirror makes it: a Y.XmlText in an element of a fragment.
 * (Yjs tidies the formatting of such a text after a remote change; a root Y.Text the room never
 * asked for by type it does not.)
 */
function paragraphWriter() {
  const client = typist();
  const paragraph = new Y.XmlElement('paragraph');
  client.doc.getXmlFragment('note').insert(0, [paragraph]);
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  return { ...client, text };
}

const paragraphOf = (doc: Y.Doc) =>
  ((doc.getXmlFragment('note').get(0) as Y.XmlElement).get(0) as Y.XmlText).toDelta();

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

  test("a keystroke in text with formatting (a note's bold) is stored and relayed, though Yjs tidies the formatting in a transaction after it", () => {
    const room = new Y.Doc();
    const client = paragraphWriter();
    client.text.insert(0, 'b', { bold: {} });
    client.text.insert(1, 'o', { bold: {} });
    client.text.insert(2, 'ld');
    for (const update of client.updates) {
      const { change, error } = applyReceivedUpdate(room, update, null);
      expect(error).toBeNull();
      expect(change).toBe(update);
    }
    expect(paragraphOf(room)).toEqual(client.text.toDelta());
  });

  test("when Yjs's tidying removes a mark two people made at once, the change holds that removal too", () => {
    const room = new Y.Doc();
    const x = paragraphWriter();
    x.text.insert(0, 'abc');
    const y = typist();
    const start = Y.encodeStateAsUpdate(x.doc);
    for (const doc of [room, y.doc]) Y.applyUpdate(doc, start);
    const yText = (y.doc.getXmlFragment('note').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    x.text.format(0, 3, { bold: {} });
    yText.format(0, 3, { bold: {} });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, start);
    const yBold = y.updates[y.updates.length - 1]!;
    applyReceivedUpdate(room, x.updates[x.updates.length - 1]!, null);
    Y.applyUpdate(replica, x.updates[x.updates.length - 1]!);
    const { change, error } = applyReceivedUpdate(room, yBold, null);
    expect(error).toBeNull();
    // The second bold's marks duplicated the first's; Yjs removed them in the room, after the apply.
    expect(change).not.toBe(yBold);
    Y.applyUpdate(replica, change!);
    expect(Y.equalSnapshots(Y.snapshot(replica), Y.snapshot(room))).toBe(true);
    expect(paragraphOf(replica)).toEqual([{ insert: 'abc', attributes: { bold: {} } }]);
  });

  test('an update that does not decode is refused and changes nothing', () => {
    const room = new Y.Doc();
    const { change, error } = applyReceivedUpdate(room, new Uint8Array([1, 2, 3, 250, 7]), null);
    expect(error).not.toBeNull();
    expect(change).toBeNull();
  });
});
