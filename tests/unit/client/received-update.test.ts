import * as encoding from 'lib0/encoding';
import { describe, expect, test } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  applyAnnouncingReceived,
  clocksReceived,
  peekReceivedUpdate,
} from '../../../client/sync/received-update.ts';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function sourceDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('rows').set('a', 'first');
  doc.getText('note').insert(0, 'hello');
  return doc;
}

/** "a" then "b" typed into a note: two updates, the second of which needs the first. */
function twoInsertions(): { source: Y.Doc; first: Uint8Array; second: Uint8Array } {
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (update: Uint8Array) => updates.push(update));
  source.getText('note').insert(0, 'a');
  source.getText('note').insert(1, 'b');
  return { source, first: updates[0]!, second: updates[1]! };
}

describe('updates received from the relay', () => {
  test("a sync step 2 or update frame's update is read out; other frames are not", () => {
    const source = sourceDoc();
    const update = Y.encodeStateAsUpdate(source);
    const step2 = frame((encoder) => syncProtocol.writeSyncStep2(encoder, source));
    expect(peekReceivedUpdate(step2)).toEqual(update);
    expect(
      peekReceivedUpdate(frame((encoder) => syncProtocol.writeUpdate(encoder, update))),
    ).toEqual(update);
    expect(
      peekReceivedUpdate(frame((encoder) => syncProtocol.writeSyncStep1(encoder, source))),
    ).toBe(null);
    expect(peekReceivedUpdate(new Uint8Array([1, 3, 0, 0, 0]))).toBe(null);
    expect(peekReceivedUpdate(new Uint8Array([0]))).toBe(null);
  });

  test("the document's listeners get the received bytes once, after the document has them", () => {
    const received = Y.encodeStateAsUpdate(sourceDoc());
    const doc = new Y.Doc();
    const origin = { name: 'relay' };
    const heard: [Uint8Array, unknown, string][] = [];
    doc.on('update', (update: Uint8Array, from: unknown) =>
      heard.push([update, from, doc.getText('note').toString()]),
    );
    applyAnnouncingReceived(doc, received, origin, () => Y.applyUpdate(doc, received, origin));
    expect(heard).toHaveLength(1);
    expect(heard[0]![0]).toBe(received);
    expect(heard[0]![1]).toBe(origin);
    expect(heard[0]![2]).toBe('hello');
    expect(doc.getMap('rows').get('a')).toBe('first');
  });

  test('nothing is announced when the document had it all already; later edits are, as Yjs encodes them', () => {
    const received = Y.encodeStateAsUpdate(sourceDoc());
    const doc = new Y.Doc();
    Y.applyUpdate(doc, received);
    const heard: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => heard.push(update));
    applyAnnouncingReceived(doc, received, null, () => Y.applyUpdate(doc, received));
    expect(heard).toEqual([]);
    doc.getText('note').insert(5, '!');
    expect(heard).toHaveLength(1);
    expect(heard[0]).not.toBe(received);
  });

  test('a deletion alone is announced, and a listener added meanwhile is kept', () => {
    const source = sourceDoc();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    const before = Y.encodeStateVector(source);
    source.getText('note').delete(0, 1);
    const deletion = Y.encodeStateAsUpdate(source, before);
    const heard: string[] = [];
    doc.on('update', () => heard.push('first'));
    const late = () => heard.push('late');
    applyAnnouncingReceived(doc, deletion, null, () => {
      Y.applyUpdate(doc, deletion);
      doc.on('update', late);
    });
    expect(doc.getText('note').toString()).toBe('ello');
    expect(heard).toEqual(['first', 'late']);
  });

  test('updates that arrive out of order still reach the listeners whole, once their gap is filled', () => {
    const { first, second } = twoInsertions();
    const doc = new Y.Doc();
    const heard: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => heard.push(update));
    // The second arrives first: Yjs keeps it pending; then the first fills the gap.
    for (const update of [second, first])
      applyAnnouncingReceived(doc, update, 'relay', () => Y.applyUpdate(doc, update, 'relay'));
    expect(doc.getText('note').toString()).toBe('ab');
    const copy = new Y.Doc();
    for (const update of heard) Y.applyUpdate(copy, update);
    expect(copy.getText('note').toString()).toBe('ab');
  });

  describe('the clocks a received update brings the device up to', () => {
    /** Applies `received` as the session does and returns what its listener reads from it. */
    function clocksHeard(doc: Y.Doc, received: Uint8Array): Map<number, number>[] {
      const heard: Map<number, number>[] = [];
      doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) =>
        heard.push(clocksReceived(update, tr)),
      );
      applyAnnouncingReceived(doc, received, 'relay', () => Y.applyUpdate(doc, received, 'relay'));
      return heard;
    }

    test("the relay's whole copy into an empty document: the copy's own state vector", () => {
      const source = sourceDoc();
      source.clientID = 7;
      const other = new Y.Doc();
      other.clientID = 9;
      Y.applyUpdate(other, Y.encodeStateAsUpdate(source));
      other.getText('note').insert(0, 'well, ');
      const received = Y.encodeStateAsUpdate(other);
      const heard = clocksHeard(new Y.Doc(), received);
      expect(heard).toEqual([Y.decodeStateVector(Y.encodeStateVectorFromUpdate(received))]);
      expect(heard[0]!.get(9)).toBe(6);
    });

    test('a client whose changes this device already had is left out; those it lacked are counted', () => {
      const source = new Y.Doc();
      source.getText('note').insert(0, 'abc');
      const colleague = new Y.Doc();
      Y.applyUpdate(colleague, Y.encodeStateAsUpdate(source));
      colleague.getMap('rows').set('a', 'row');
      Y.applyUpdate(source, Y.encodeStateAsUpdate(colleague));
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
      source.getText('note').insert(3, 'def');
      // More than the device lacks: the whole history again, the colleague's row included.
      const received = Y.encodeStateAsUpdate(source);
      expect(Y.decodeStateVector(Y.encodeStateVectorFromUpdate(received)).size).toBe(2);
      expect(clocksHeard(doc, received)).toEqual([new Map([[source.clientID, 6]])]);
    });

    test('with changes waiting for a gap, the bytes are read instead of the transaction', () => {
      const { source, first, second } = twoInsertions();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, second);
      const heard = clocksHeard(doc, first);
      // Yjs's own encoding of the transaction holds both, and so does what is read from it.
      expect(heard).toEqual([new Map([[source.clientID, 2]])]);
      expect(doc.getText('note').toString()).toBe('ab');
    });
  });
});
