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

/** A client's document and the updates it made, one per transaction. */
function client(): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return { doc, updates };
}

describe('sync answers (R30)', () => {
  test('R30: a socket answered in full once gets the empty update while it lacks nothing, and a new socket still gets every deletion', async () => {
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

  test('R30: a request whose state vector lacks items gets the full answer', async () => {
    const relay = testRelay(new MemoryDocumentStore());
    const a = recordingSocket();
    const socketA = relay.connect('d', a.raw, EDITOR);
    const b = recordingSocket();
    const socketB = relay.connect('d', b.raw, EDITOR);
    const reader = new Y.Doc();
    socketA.onMessage(encodeSyncStep1(reader));
    await until('the first answer', () => syncAnswers(a.frames).length === 1);

    const writer = client();
    writer.doc.getText('notes').insert(0, 'x');
    socketB.onMessage(encodeSyncUpdate(writer.updates[0]!));
    // A asks again before it has applied the "x" the relay sent it.
    socketA.onMessage(encodeSyncStep1(reader));
    await until('the second answer', () => syncAnswers(a.frames).length === 2);
    Y.applyUpdate(reader, syncAnswers(a.frames)[1]!);
    expect(reader.getText('notes').toString()).toBe('x');
    await relay.shutdown();
  });

  test('R30: a socket whose change was relayed with more than it sent gets the full answer next', async () => {
    const relay = testRelay(new MemoryDocumentStore());
    const a = recordingSocket();
    const socketA = relay.connect('d', a.raw, EDITOR);
    const b = recordingSocket();
    const socketB = relay.connect('d', b.raw, EDITOR);
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
