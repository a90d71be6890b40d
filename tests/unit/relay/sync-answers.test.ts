import * as decoding from 'lib0/decoding';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncStep1, encodeSyncUpdate } from '../../../sync-server/relay/protocol.ts';
import { MemoryDocumentStore } from '../../../sync-server/storage/memory-store.ts';
import { recordingSocket } from './support/recording-socket.ts';
import { testRelay } from './support/test-relay.ts';
import { until } from './support/until.ts';

const EDITOR = { workspaceId: 'w', role: 'editor' } as const;

/** The updates of the sync step 2 frames among `frames`, in order. */
function syncAnswers(frames: readonly Uint8Array[]): Uint8Array[] {
  const answers: Uint8Array[] = [];
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) continue;
    answers.push(decoding.readVarUint8Array(decoder));
  }
  return answers;
}

/** Applies a sync step 2 or update frame from the relay to `doc`; other frames are skipped. */
function applyRelayed(doc: Y.Doc, frame: Uint8Array): void {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) === 0) return;
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
}

/** A client's document and the updates it made, one per transaction. */
function client(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

/** A relay on memory with two editors' sockets to document "d", each recording what it is sent. */
function twoEditors() {
  const relay = testRelay(new MemoryDocumentStore());
  const a = recordingSocket();
  const b = recordingSocket();
  return {
    relay,
    a,
    socketA: relay.connect('d', a.raw, EDITOR),
    b,
    socketB: relay.connect('d', b.raw, EDITOR),
  };
}

describe('sync answers (R30)', () => {
  test('R30: a socket answered in full once gets the empty update, and a new socket still gets every deletion', async () => {
    const relay = testRelay(new MemoryDocumentStore());
    const { raw, frames } = recordingSocket();
    const socket = relay.connect('d', raw, EDITOR);
    const writer = client();
    socket.onMessage(encodeSyncStep1(writer.doc));
    await until('the first answer', () => syncAnswers(frames).length === 1);

    const text = writer.doc.getText('notes');
    text.insert(0, 'abc');
    text.delete(1, 1);
    for (const update of writer.updates) socket.onMessage(encodeSyncUpdate(update));
    // What our client sends after deleting, to learn that the deletion is stored (R5).
    socket.onMessage(encodeSyncStep1(writer.doc));
    await until('the second answer', () => syncAnswers(frames).length === 2);
    expect([...syncAnswers(frames)[1]!]).toEqual([0, 0]);

    const stored = new Y.Doc();
    Y.applyUpdate(stored, await relay.readState('d'));
    expect(stored.getText('notes').toString()).toBe('ac');

    // A socket that never asked gets the whole delete set, as a stock client's first request does.
    const late = recordingSocket();
    const lateSocket = relay.connect('d', late.raw, EDITOR);
    const reader = new Y.Doc();
    Y.applyUpdate(reader, writer.updates[0]!); // holds "abc", not the deletion
    lateSocket.onMessage(encodeSyncStep1(reader));
    await until('the late socket’s answer', () => syncAnswers(late.frames).length === 1);
    Y.applyUpdate(reader, syncAnswers(late.frames)[0]!);
    expect(reader.getText('notes').toString()).toBe('ac');
    await relay.shutdown();
  });

  test("R30: a request sent before others' changes reached its client gets the empty update behind them", async () => {
    const { relay, a, socketA, socketB } = twoEditors();
    const reader = new Y.Doc();
    socketA.onMessage(encodeSyncStep1(reader));
    await until('the first answer', () => syncAnswers(a.frames).length === 1);

    const writer = client();
    writer.doc.getText('notes').insert(0, 'x');
    socketB.onMessage(encodeSyncUpdate(writer.updates[0]!));
    // A asks again before it has applied the "x" the relay sent it.
    socketA.onMessage(encodeSyncStep1(reader));
    await until('the second answer', () => syncAnswers(a.frames).length === 2);
    expect([...syncAnswers(a.frames)[1]!]).toEqual([0, 0]);
    // What A lacked is ahead of the answer on its socket: applied in order, A holds it.
    for (const frame of a.frames) applyRelayed(reader, frame);
    expect(reader.getText('notes').toString()).toBe('x');
    await relay.shutdown();
  });

  test('R30: a socket repeating its request for the whole document gets it once, whatever state vector it claims', async () => {
    const relay = testRelay(new MemoryDocumentStore());
    const writer = recordingSocket();
    const author = client();
    author.doc.getText('notes').insert(0, 'abc');
    author.doc.getText('notes').delete(0, 1);
    const writerSocket = relay.connect('d', writer.raw, EDITOR);
    for (const update of author.updates) writerSocket.onMessage(encodeSyncUpdate(update));
    await relay.readState('d');

    const hostile = recordingSocket();
    const hostileSocket = relay.connect('d', hostile.raw, EDITOR);
    const nothing = new Y.Doc();
    for (let i = 0; i < 200; i++) hostileSocket.onMessage(encodeSyncStep1(nothing));
    await until('200 answers', () => syncAnswers(hostile.frames).length === 200);
    const [first, ...rest] = syncAnswers(hostile.frames);
    Y.applyUpdate(nothing, first!);
    expect(nothing.getText('notes').toString()).toBe('bc');
    expect(rest.every((answer) => answer.length === 2 && answer[0] === 0 && answer[1] === 0)).toBe(
      true,
    );
    await relay.shutdown();
  });

  test('R30/R26: requests repeated while the room reads storage get the stored parts once', async () => {
    const store = new MemoryDocumentStore();
    const first = testRelay(store);
    const author = client();
    author.doc.getText('notes').insert(0, 'abc');
    first
      .connect('d', recordingSocket().raw, EDITOR)
      .onMessage(encodeSyncUpdate(author.updates[0]!));
    await first.readState('d');
    await first.shutdown();

    const relay = testRelay(store);
    const hostile = recordingSocket();
    const socket = relay.connect('d', hostile.raw, EDITOR);
    const nothing = new Y.Doc();
    for (let i = 0; i < 50; i++) socket.onMessage(encodeSyncStep1(nothing));
    await until('50 answers', () => syncAnswers(hostile.frames).length === 50);
    for (const frame of hostile.frames) applyRelayed(nothing, frame);
    expect(nothing.getText('notes').toString()).toBe('abc');
    expect(
      syncAnswers(hostile.frames)
        .slice(1)
        .every((answer) => answer.length === 2),
    ).toBe(true);
    await relay.shutdown();
  });

  test('R30: a socket whose change was relayed with more than it sent gets the full answer next', async () => {
    const { relay, socketA, b, socketB } = twoEditors();
    const author = client();
    author.doc.getText('notes').insert(0, 'a');
    author.doc.getText('notes').delete(0, 1);
    const [insertion, deletion] = author.updates;

    const holder = new Y.Doc(); // B's client: it will hold the insertion it sends, nothing else
    socketB.onMessage(encodeSyncStep1(holder));
    await until('B’s first answer', () => syncAnswers(b.frames).length === 1);
    // A sends the deletion first: it waits in the relay's document for the item it deletes.
    socketA.onMessage(encodeSyncUpdate(deletion!));
    // B's insertion completes it: the relay stores and relays both, as B's change.
    Y.applyUpdate(holder, insertion!);
    socketB.onMessage(encodeSyncUpdate(insertion!));
    socketB.onMessage(encodeSyncStep1(holder));
    await until('B’s second answer', () => syncAnswers(b.frames).length === 2);
    // B's state vector lacks nothing, yet B lacks the deletion: the answer must carry it.
    Y.applyUpdate(holder, syncAnswers(b.frames)[1]!);
    expect(holder.getText('notes').toString()).toBe('');
    await relay.shutdown();
  });
});
