import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { DocumentRecord } from '../../../sync-server/storage/document-store.ts';
import {
  SQLITE_FILE_NAME,
  SqliteDocumentStore,
} from '../../../sync-server/storage/sqlite-store.ts';

/**
 * The SQLite store numbers a document's appends from what it last committed, without reading the
 * file (sqlite-update-log.ts). These check that the numbering stays gapless (S12) and that a
 * deleted document stores nothing (S18) when what it remembers is no longer true.
 */

const record = (id: string): DocumentRecord => ({
  id,
  workspaceId: 'w1',
  title: `Doc ${id}`,
  template: 'barriers',
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:00:00.000Z',
});
const u = (...values: number[]) => new Uint8Array(values);

const opened: { close(): unknown }[] = [];
afterEach(async () => {
  for (const handle of opened.splice(0).reverse()) await handle.close();
});

async function storeWithTwoDocuments(): Promise<{ store: SqliteDocumentStore; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pathways-numbering-'));
  const store = SqliteDocumentStore.open(dir);
  opened.push(store);
  await store.createWorkspace(
    { id: 'w1', name: 'Riverside USD', createdAt: '2026-12-07T10:00:00.000Z' },
    { owner: 'h-owner', editor: 'h-editor', viewer: 'h-viewer' },
  );
  await store.createDocument(record('d1'), u(1));
  await store.createDocument(record('d2'), u(2));
  return { store, file: join(dir, SQLITE_FILE_NAME) };
}

const seqsOf = async (store: SqliteDocumentStore, id: string): Promise<number> =>
  (await store.loadDocument(id)).lastSeq;

test('S12: after a commit that failed and rolled back, the next append goes on from what is stored', async () => {
  const { store, file } = await storeWithTwoDocuments();
  expect(await store.appendUpdates([{ documentId: 'd1', updates: [u(5)] }])).toEqual([1]);
  const saboteur = new Database(file);
  opened.push(saboteur);
  saboteur.exec(
    `CREATE TRIGGER fail_d2 BEFORE INSERT ON updates WHEN NEW.document_id = 'd2' BEGIN SELECT RAISE(ABORT, 'disk says no'); END`,
  );
  await expect(
    store.appendUpdates([
      { documentId: 'd1', updates: [u(6), u(7)] },
      { documentId: 'd2', updates: [u(8)] },
    ]),
  ).rejects.toThrow('disk says no');
  saboteur.exec('DROP TRIGGER fail_d2');

  expect(await store.appendUpdates([{ documentId: 'd1', updates: [u(6)] }])).toEqual([2]);
  expect(await store.loadDocument('d1')).toEqual({
    snapshot: u(1),
    updates: [u(5), u(6)],
    lastSeq: 2,
  });
});

test('S12: rows another writer appended are numbered after, never over or with a gap', async () => {
  const { store, file } = await storeWithTwoDocuments();
  await store.appendUpdates([
    { documentId: 'd1', updates: [u(5)] },
    { documentId: 'd2', updates: [u(6)] },
  ]);
  const other = new Database(file);
  opened.push(other);
  other
    .prepare('INSERT INTO updates (document_id, seq, data) VALUES (?, ?, ?)')
    .run('d1', 2, Buffer.from([7]));

  expect(
    await store.appendUpdates([
      { documentId: 'd1', updates: [u(8), u(9)] },
      { documentId: 'd2', updates: [u(10)] },
    ]),
  ).toEqual([4, 2]);
  expect((await store.loadDocument('d1')).updates).toEqual([u(5), u(7), u(8), u(9)]);
  expect(await seqsOf(store, 'd2')).toBe(2);
});

test('S18: a document deleted by another writer stores nothing, and the rest of the commit is stored', async () => {
  const { store, file } = await storeWithTwoDocuments();
  await store.appendUpdates([
    { documentId: 'd1', updates: [u(5)] },
    { documentId: 'd2', updates: [u(6)] },
  ]);
  const other = SqliteDocumentStore.open(join(file, '..'));
  opened.push(other);
  expect(await other.deleteDocument('d1', '2026-12-07T11:00:00.000Z')).toBe(true);

  expect(
    await store.appendUpdates([
      { documentId: 'd1', updates: [u(7)] },
      { documentId: 'd2', updates: [u(8)] },
    ]),
  ).toEqual([null, 2]);
  expect(await store.findDeletedDocument('d1')).not.toBeNull();
  expect(await seqsOf(store, 'd2')).toBe(2);
});

test('S18: a document deleted through this store stores nothing afterwards', async () => {
  const { store } = await storeWithTwoDocuments();
  await store.appendUpdates([{ documentId: 'd1', updates: [u(5)] }]);
  await store.deleteDocument('d1', '2026-12-07T11:00:00.000Z');
  expect(await store.appendUpdates([{ documentId: 'd1', updates: [u(6)] }])).toEqual([null]);
});
