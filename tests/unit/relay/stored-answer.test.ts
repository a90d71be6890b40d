import * as decoding from 'lib0/decoding';
import pino from 'pino';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createRelayMetrics } from '../../../sync-server/observability/metrics.ts';
import { encodeSyncStep1, encodeSyncUpdate } from '../../../sync-server/relay/protocol.ts';
import { Relay } from '../../../sync-server/relay/relay.ts';
import type { DocumentStore, StoredDocument } from '../../../sync-server/storage/document-store.ts';
import { MemoryDocumentStore } from '../../../sync-server/storage/memory-store.ts';
import { until } from './support/until.ts';
import { recordingSocket } from './support/recording-socket.ts';

/**
 * A sync request that arrives while the room reads storage is answered from the stored bytes
 * (R26), before the room builds its Y.Doc (whose greeting, a sync step 1, comes after the build).
 */

const SYNC = 0;
const STEP_1 = 0;
const STEP_2 = 1;
const UPDATE = 2;

/** A memory store holding a snapshot and a log tail, whose `loadDocument` waits for `release`. */
async function gatedStore(): Promise<{ store: DocumentStore; release: () => void; stored: Y.Doc }> {
  const memory = new MemoryDocumentStore();
  const stored = new Y.Doc();
  const updates: Uint8Array[] = [];
  stored.on('update', (update: Uint8Array) => updates.push(update));
  stored.getText('notes').insert(0, 'snapshot part. ');
  const [seq] = await memory.appendUpdates([
    { documentId: 'doc', updates: [Y.encodeStateAsUpdate(stored)] },
  ]);
  await memory.compact('doc', Y.encodeStateAsUpdate(stored), seq!);
  updates.length = 0;
  stored.getText('notes').insert(stored.getText('notes').length, 'log one. ');
  stored.getText('notes').insert(stored.getText('notes').length, 'log two.');
  await memory.appendUpdates([{ documentId: 'doc', updates: [...updates] }]);
  let release = (): void => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const store = new Proxy(memory, {
    get(target, property, receiver) {
      if (property !== 'loadDocument') return Reflect.get(target, property, receiver);
      return async (id: string): Promise<StoredDocument> => {
        await gate;
        return target.loadDocument(id);
      };
    },
  });
  return { store, release, stored };
}

/** The sync frames' kinds in order ('step1', 'step2', 'update'), and the document they carry. */
function readSyncFrames(frames: readonly Uint8Array[]): { kinds: string[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const kinds: string[] = [];
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== SYNC) continue;
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    kinds.push(type === STEP_1 ? 'step1' : type === STEP_2 ? 'step2' : 'update');
    if (type === STEP_2 || type === UPDATE) Y.applyUpdate(doc, payload);
  }
  return { kinds, doc };
}

const access = { workspaceId: 'w', role: 'editor' } as const;
const newRelay = (store: DocumentStore) =>
  new Relay({
    store,
    logger: pino({ level: 'silent' }),
    metrics: createRelayMetrics(),
    maxMessageBytes: 1 << 20,
    roomGraceMs: 0,
  });

describe('answering sync from stored bytes', () => {
  test('R26: a request made while storage is read is answered from the snapshot and log before the room greets, and holds the whole stored document', async () => {
    const { store, release, stored } = await gatedStore();
    const relay = newRelay(store);
    const reader = recordingSocket();
    const handlers = relay.connect('doc', reader.raw, access);
    handlers.onMessage(encodeSyncStep1(new Y.Doc()));
    release();
    await until('the greeting', () => readSyncFrames(reader.frames).kinds.includes('step1'));

    const { kinds, doc } = readSyncFrames(reader.frames);
    // Snapshot and first log row as updates, the last row as the step 2, then the greeting.
    expect(kinds).toEqual(['update', 'update', 'step2', 'step1']);
    expect(doc.getText('notes').toString()).toBe(stored.getText('notes').toString());
    await relay.shutdown();
  });

  test('R26/R5: a request queued behind another socket\u2019s update waits for the built document, and its answer holds that update', async () => {
    const { store, release } = await gatedStore();
    const relay = newRelay(store);
    const writer = recordingSocket();
    const reader = recordingSocket();
    const writing = relay.connect('doc', writer.raw, access);
    const reading = relay.connect('doc', reader.raw, access);
    const edit = new Y.Doc();
    edit.getText('other').insert(0, 'unstored until the round');
    writing.onMessage(encodeSyncUpdate(Y.encodeStateAsUpdate(edit)));
    reading.onMessage(encodeSyncStep1(new Y.Doc()));
    release();
    await until('the reader\u2019s answer', () =>
      readSyncFrames(reader.frames).kinds.includes('step2'),
    );

    const { kinds, doc } = readSyncFrames(reader.frames);
    expect(kinds[0]).toBe('step1'); // greeted first: not answered from the stored bytes
    expect(doc.getText('other').toString()).toBe('unstored until the round');
    expect(doc.getText('notes').toString()).toBe('snapshot part. log one. log two.');
    await relay.shutdown();
  });
});
