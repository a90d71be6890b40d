import pino from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createRelayMetrics } from '../../../sync-server/observability/metrics.ts';
import { AppendBatcher } from '../../../sync-server/relay/append-batcher.ts';
import { CompactionWorker } from '../../../sync-server/relay/compaction-worker-client.ts';
import { COMPACT_AFTER_UPDATES } from '../../../sync-server/relay/compaction-policy.ts';
import { RoomPersistence } from '../../../sync-server/relay/room-persistence.ts';
import { sessionVersionId } from '../../../sync-server/relay/session-version.ts';
import { MemoryDocumentStore } from '../../../sync-server/storage/memory-store.ts';

/**
 * The room's storage policy with its compactions off the loop (R28), on the in-memory store and a
 * real worker thread: what happens to storage when the worker answers, hangs, or is replaced.
 */

const workers: CompactionWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
});

async function openRoom(worker: CompactionWorker) {
  workers.push(worker);
  const store = new MemoryDocumentStore();
  const now = new Date().toISOString();
  await store.createDocument(
    {
      id: 'doc-1',
      workspaceId: 'ws-1',
      title: 'Notes',
      template: null,
      createdAt: now,
      updatedAt: now,
    },
    Y.encodeStateAsUpdate(new Y.Doc()),
  );
  const persistence = new RoomPersistence(
    'doc-1',
    store,
    new AppendBatcher(store),
    pino({ level: 'silent' }),
    createRelayMetrics(),
    { worker, offLoopMinBytes: 0 },
  );
  const doc = await persistence.load();
  /** Types `count` keystrokes into `doc`, each stored as the room stores a round. */
  const type = async (count: number): Promise<void> => {
    const text = doc.getText('notes');
    for (let i = 0; i < count; i++) {
      let update: Uint8Array | null = null;
      const collect = (u: Uint8Array): void => {
        update = u;
      };
      doc.on('update', collect);
      text.insert(Math.floor(text.length / 2), String.fromCharCode(97 + (i % 26)));
      doc.off('update', collect);
      await persistence.persist(doc, [update!]);
    }
  };
  const storedText = async (): Promise<string> => {
    const stored = await store.loadDocument('doc-1');
    const copy = new Y.Doc();
    for (const part of stored.snapshot === null
      ? stored.updates
      : [stored.snapshot, ...stored.updates])
      Y.applyUpdate(copy, part);
    return copy.getText('notes').toString();
  };
  return { store, persistence, doc, type, storedText };
}

describe('room persistence off the loop', () => {
  test('R28, S4: a compaction in the worker keeps what was stored while it ran, and the rounds do not wait for it', async () => {
    const { store, doc, persistence, type, storedText } = await openRoom(new CompactionWorker());
    await type(COMPACT_AFTER_UPDATES);
    // The compaction runs in the background; these rounds are stored meanwhile.
    await type(50);
    await persistence.closeSession(doc);
    expect(await storedText()).toBe(doc.getText('notes').toString());
    expect((await store.loadDocument('doc-1')).updates).toHaveLength(0);
    const [version] = await store.listVersions('doc-1');
    expect(version!.id).toBe(sessionVersionId('doc-1', doc));
  });

  test('R28, R18: with a hung worker the session still closes, on the loop, within the timeout, and loses nothing', async () => {
    const hung = new CompactionWorker({
      entry: new URL('./support/silent-worker.mjs', import.meta.url),
      timeoutMs: 300,
    });
    const { store, doc, persistence, type, storedText } = await openRoom(hung);
    await type(COMPACT_AFTER_UPDATES + 10);
    const started = performance.now();
    await persistence.closeSession(doc);
    // The background merge and the closing one each wait at most the timeout.
    expect(performance.now() - started).toBeLessThan(3000);
    expect(await storedText()).toBe(doc.getText('notes').toString());
    expect((await store.loadDocument('doc-1')).updates).toHaveLength(0);
    expect(await store.listVersions('doc-1')).toHaveLength(1);
  });

  test('R28: after a failed compaction in the worker the next round compacts on the loop', async () => {
    const hung = new CompactionWorker({
      entry: new URL('./support/silent-worker.mjs', import.meta.url),
      timeoutMs: 200,
    });
    const { store, doc, type, storedText } = await openRoom(hung);
    await type(COMPACT_AFTER_UPDATES);
    await new Promise((resolve) => setTimeout(resolve, 600)); // the merge times out
    await type(1);
    expect((await store.loadDocument('doc-1')).updates).toHaveLength(0);
    expect(await storedText()).toBe(doc.getText('notes').toString());
  });
});
