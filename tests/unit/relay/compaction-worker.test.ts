import { afterEach, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
  CompactionWorker,
  MissingBaseError,
} from '../../../sync-server/relay/compaction-worker-client.ts';
import { sessionVersionId } from '../../../sync-server/relay/session-version.ts';

/** A snapshot and the log rows stored after it, from one writer inserting at scattered places. */
function storedHistory(snapshotEdits: number, logEdits: number, seed = 7) {
  let state = seed;
  const random = (): number => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const doc = new Y.Doc();
  const text = doc.getText('notes');
  const type = (count: number): void => {
    for (let i = 0; i < count; i++)
      text.insert(Math.floor(random() * (text.length + 1)), String.fromCharCode(97 + (i % 26)));
  };
  type(snapshotEdits);
  const snapshot = Y.encodeStateAsUpdate(doc);
  const log: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => log.push(update));
  type(logEdits);
  return { doc, snapshot, log, type };
}

function textOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('notes').toString();
}

const workers: CompactionWorker[] = [];
function startWorker(
  options?: ConstructorParameters<typeof CompactionWorker>[0],
): CompactionWorker {
  const worker = new CompactionWorker(options);
  workers.push(worker);
  return worker;
}
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
});

describe('compaction worker', () => {
  test('R28: merges a snapshot and its log into the snapshot the document itself would encode', async () => {
    const { doc, snapshot, log } = storedHistory(2000, 300);
    const merged = await startWorker().merge({
      documentId: 'doc-1',
      keptAs: 'doc-1#1',
      baseSeq: null,
      parts: [snapshot, ...log],
      lastSeq: 301,
      withVersionId: true,
    });
    expect(textOf(merged.snapshot)).toBe(doc.getText('notes').toString());
    expect(Y.encodeStateVectorFromUpdate(merged.snapshot)).toEqual(Y.encodeStateVector(doc));
    // R25: the same id the room's own document would give, so nodes closing either way agree.
    expect(merged.versionId).toBe(sessionVersionId('doc-1', doc));
    expect(merged.skipped).toEqual([]);
  });

  test('R28: keeps the document, so the next merge needs only the rows stored since', async () => {
    const { doc, snapshot, log, type } = storedHistory(500, 100);
    const worker = startWorker();
    await worker.merge({
      documentId: 'doc-1',
      keptAs: 'doc-1#1',
      baseSeq: null,
      parts: [snapshot, ...log],
      lastSeq: 101,
      withVersionId: false,
    });
    const before = log.length;
    type(50);
    const merged = await worker.merge({
      documentId: 'doc-1',
      keptAs: 'doc-1#1',
      baseSeq: 101,
      parts: log.slice(before),
      lastSeq: 151,
      withVersionId: false,
    });
    expect(textOf(merged.snapshot)).toBe(doc.getText('notes').toString());
  });

  test('R28: refuses a base it does not hold, so the caller sends everything', async () => {
    const { snapshot } = storedHistory(100, 0);
    const worker = startWorker();
    await expect(
      worker.merge({
        documentId: 'doc-1',
        keptAs: 'doc-1#1',
        baseSeq: 40,
        parts: [snapshot],
        lastSeq: 41,
        withVersionId: false,
      }),
    ).rejects.toBeInstanceOf(MissingBaseError);
    await worker.merge({
      documentId: 'doc-1',
      keptAs: 'doc-1#1',
      baseSeq: null,
      parts: [snapshot],
      lastSeq: 41,
      withVersionId: false,
    });
    await expect(
      worker.merge({
        documentId: 'doc-1',
        keptAs: 'doc-1#1',
        baseSeq: 39,
        parts: [],
        lastSeq: 41,
        withVersionId: false,
      }),
    ).rejects.toBeInstanceOf(MissingBaseError);
  });

  test("R28: keeps each room's copy apart, so a second room of the same document never builds on the first one's", async () => {
    const { snapshot } = storedHistory(100, 0);
    const worker = startWorker();
    await worker.merge({
      documentId: 'doc-1',
      keptAs: 'doc-1#1',
      baseSeq: null,
      parts: [snapshot],
      lastSeq: 41,
      withVersionId: false,
    });
    await expect(
      worker.merge({
        documentId: 'doc-1',
        keptAs: 'doc-1#2',
        baseSeq: 41,
        parts: [],
        lastSeq: 41,
        withVersionId: false,
      }),
    ).rejects.toBeInstanceOf(MissingBaseError);
    worker.forget('doc-1#1');
    await expect(
      worker.merge({
        documentId: 'doc-1',
        keptAs: 'doc-1#1',
        baseSeq: 41,
        parts: [],
        lastSeq: 41,
        withVersionId: false,
      }),
    ).rejects.toBeInstanceOf(MissingBaseError);
  });

  test('R28: skips a stored part that does not apply and reports it, as a room load does', async () => {
    const { doc, snapshot, log } = storedHistory(200, 20);
    const merged = await startWorker().merge({
      documentId: 'doc-1',
      keptAs: 'doc-1#1',
      baseSeq: null,
      parts: [snapshot, new Uint8Array([1, 200, 3, 7]), ...log],
      lastSeq: 22,
      withVersionId: false,
    });
    expect(merged.skipped.map((skip) => skip.index)).toEqual([1]);
    expect(textOf(merged.snapshot)).toBe(doc.getText('notes').toString());
  });

  test('R28: a killed worker fails the merges it owed, and the next merge starts a fresh one that holds nothing', async () => {
    const { doc, snapshot, log } = storedHistory(20000, 0);
    const worker = startWorker();
    const owed = worker.merge({
      documentId: 'doc-1',
      keptAs: 'doc-1#1',
      baseSeq: null,
      parts: [snapshot, ...log],
      lastSeq: 1,
      withVersionId: false,
    });
    const failed = expect(owed).rejects.toThrow(/ended/);
    await worker.terminate();
    await failed;
    await expect(
      worker.merge({
        documentId: 'doc-1',
        keptAs: 'doc-1#1',
        baseSeq: 1,
        parts: [],
        lastSeq: 1,
        withVersionId: false,
      }),
    ).rejects.toBeInstanceOf(MissingBaseError);
    const merged = await worker.merge({
      documentId: 'doc-1',
      keptAs: 'doc-1#1',
      baseSeq: null,
      parts: [snapshot],
      lastSeq: 1,
      withVersionId: false,
    });
    expect(textOf(merged.snapshot)).toBe(doc.getText('notes').toString());
    expect(worker.started).toBe(2);
  });

  test('R28: a hung worker is ended after the timeout, its merge fails, and the next merge gets a fresh worker', async () => {
    const worker = startWorker({
      entry: new URL('./support/silent-worker.mjs', import.meta.url),
      timeoutMs: 300,
    });
    const started = performance.now();
    await expect(
      worker.merge({
        documentId: 'doc-1',
        keptAs: 'doc-1#1',
        baseSeq: null,
        parts: [],
        lastSeq: 0,
        withVersionId: false,
      }),
    ).rejects.toThrow(/did not answer within 300 ms/);
    expect(performance.now() - started).toBeLessThan(3000);
    await expect(
      worker.merge({
        documentId: 'doc-1',
        keptAs: 'doc-1#1',
        baseSeq: null,
        parts: [],
        lastSeq: 0,
        withVersionId: false,
      }),
    ).rejects.toThrow(/did not answer/);
    expect(worker.started).toBe(2);
  });
});
