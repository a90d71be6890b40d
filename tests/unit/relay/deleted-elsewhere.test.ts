import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { encodeSyncUpdate } from '../../../sync-server/relay/protocol.ts';
import { MemoryDocumentStore } from '../../../sync-server/storage/memory-store.ts';
import { recordingSocket } from './support/recording-socket.ts';
import { testRelay } from './support/test-relay.ts';
import { until } from './support/until.ts';

/** One keystroke of a client of its own, as a sync update frame. */
function keystroke(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, text);
  return encodeSyncUpdate(Y.encodeStateAsUpdate(doc));
}

describe('a document deleted by another node', () => {
  test('S18/R4: a round that reaches storage after the deletion closes its own room with 4404; the room sharing its commit stores and relays', async () => {
    const store = new MemoryDocumentStore();
    const workspace = { id: 'w', name: 'w', createdAt: '2026-12-07T10:00:00.000Z' };
    await store.createWorkspace(workspace, { owner: 'o', editor: 'e', viewer: 'v' });
    for (const id of ['gone', 'kept'])
      await store.createDocument(
        { id, workspaceId: 'w', title: id, template: null, createdAt: '', updatedAt: '' },
        Y.encodeStateAsUpdate(new Y.Doc()),
      );
    const relay = testRelay(store);
    const access = { workspaceId: 'w', role: 'editor' } as const;
    const goneWriter = recordingSocket();
    const keptWriter = recordingSocket();
    const keptReader = recordingSocket();
    const goneHandlers = relay.connect('gone', goneWriter.raw, access);
    const keptHandlers = relay.connect('kept', keptWriter.raw, access);
    relay.connect('kept', keptReader.raw, access);
    await until('every greeting', () =>
      [goneWriter, keptWriter, keptReader].every((s) => s.frames.length > 0),
    );

    // Another node deletes it in storage; this node has not heard yet.
    await store.deleteDocument('gone', '2026-12-07T11:00:00.000Z');
    const readerFramesBefore = keptReader.frames.length;
    goneHandlers.onMessage(keystroke('lost cause'));
    keptHandlers.onMessage(keystroke('kept'));

    await until('the deleted room to close', () => goneWriter.closed.length > 0);
    expect(goneWriter.closed).toEqual([4404]);
    await until('the kept room to relay', () => keptReader.frames.length > readerFramesBefore);
    expect(keptWriter.closed).toEqual([]);
    expect((await store.loadDocument('kept')).updates).toHaveLength(1);
    expect(await store.loadDocument('gone')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    await relay.shutdown();
  });
});
