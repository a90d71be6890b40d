import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { DocumentRecord, DocumentStore } from '../../../sync-server/storage/document-store.ts';
import { MemoryDocumentStore } from '../../../sync-server/storage/memory-store.ts';
import { SQLITE_MIGRATIONS } from '../../../sync-server/storage/sqlite-migrations.ts';
import { SQLITE_FILE_NAME, SqliteDocumentStore } from '../../../sync-server/storage/sqlite-store.ts';

/** The storage contract (rules S1–S11 in sync-server/storage/document-store.ts), run against every store. */

const hashes = { owner: 'h-owner', editor: 'h-editor', viewer: 'h-viewer' };
const workspace = { id: 'w1', name: 'Riverside USD', createdAt: '2026-11-29T10:00:00.000Z' };
const record = (id: string, updatedAt = '2026-11-29T10:00:00.000Z'): DocumentRecord => ({
  id,
  workspaceId: 'w1',
  title: `Doc ${id}`,
  template: 'barriers',
  createdAt: '2026-11-29T10:00:00.000Z',
  updatedAt,
});
const u = (...values: number[]) => new Uint8Array(values);

const opened: DocumentStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

const stores: [string, () => DocumentStore][] = [
  ['memory', () => new MemoryDocumentStore()],
  ['sqlite', () => SqliteDocumentStore.open(mkdtempSync(join(tmpdir(), 'pathways-store-')))],
];

describe.each(stores)('%s store', (_name, make) => {
  async function fresh(): Promise<DocumentStore> {
    const store = make();
    opened.push(store);
    await store.createWorkspace(workspace, hashes);
    await store.createDocument(record('d1'), u(9, 9));
    return store;
  }

  test('S1/S2: appended updates load back after the snapshot, in order, with the last sequence number', async () => {
    const store = await fresh();
    expect(await store.appendUpdates([{ documentId: 'd1', updates: [u(1), u(2)] }])).toEqual([2]);
    expect(await store.appendUpdates([{ documentId: 'd1', updates: [u(3)] }])).toEqual([3]);
    expect(await store.loadDocument('d1')).toEqual({ snapshot: u(9, 9), updates: [u(1), u(2), u(3)], lastSeq: 3 });
  });

  test('S1: one call appends to several documents, in order, returning each append\'s last sequence number', async () => {
    const store = await fresh();
    await store.createDocument(record('d2'), u(8));
    const seqs = await store.appendUpdates([
      { documentId: 'd1', updates: [u(1)] },
      { documentId: 'd2', updates: [u(2), u(3)] },
      { documentId: 'd1', updates: [u(4)] },
    ]);
    expect(seqs).toEqual([1, 2, 2]);
    expect(await store.loadDocument('d1')).toEqual({ snapshot: u(9, 9), updates: [u(1), u(4)], lastSeq: 2 });
    expect(await store.loadDocument('d2')).toEqual({ snapshot: u(8), updates: [u(2), u(3)], lastSeq: 2 });
  });

  test('S3/S4: compaction replaces the snapshot and drops only the updates it covers', async () => {
    const store = await fresh();
    await store.appendUpdates([{ documentId: 'd1', updates: [u(1), u(2), u(3)] }]);
    await store.compact('d1', u(7, 7, 7), 2);
    await store.appendUpdates([{ documentId: 'd1', updates: [u(4)] }]);
    expect(await store.loadDocument('d1')).toEqual({ snapshot: u(7, 7, 7), updates: [u(3), u(4)], lastSeq: 4 });
    expect(await store.storedBytes('d1')).toBe(5);
  });

  test('S5: versions list newest first and read back byte for byte', async () => {
    const store = await fresh();
    await store.saveVersion({ id: 'v1', documentId: 'd1', label: 'After kickoff', auto: false, createdAt: '2026-11-29T10:00:00.000Z' }, u(1, 2, 3));
    await store.saveVersion({ id: 'v2', documentId: 'd1', label: 'Session ended', auto: true, createdAt: '2026-11-29T11:00:00.000Z' }, u(4, 5));
    expect((await store.listVersions('d1')).map((v) => [v.id, v.auto])).toEqual([['v2', true], ['v1', false]]);
    expect(await store.readVersion('d1', 'v1')).toEqual(u(1, 2, 3));
    expect(await store.readVersion('other', 'v1')).toBeNull();
  });

  test('S6/S7: a token hash finds its workspace and role until it is replaced', async () => {
    const store = await fresh();
    expect(await store.findAccess('h-editor')).toEqual({ workspaceId: 'w1', role: 'editor' });
    await store.replaceToken('w1', 'editor', 'h-editor-2');
    expect(await store.findAccess('h-editor')).toBeNull();
    expect(await store.findAccess('h-editor-2')).toEqual({ workspaceId: 'w1', role: 'editor' });
    expect(await store.findAccess('h-viewer')).toEqual({ workspaceId: 'w1', role: 'viewer' });
  });

  test('S11: join-link hashes find their document until revoked, never workspace access, expired ones included', async () => {
    const store = await fresh();
    await store.createDocument(record('d2'), u());
    const expiresAt = '2026-11-29T23:59:59.999Z';
    await store.addJoinLinks([
      { hash: 'h-join', documentId: 'd1', kind: 'token', expiresAt },
      { hash: 'h-code', documentId: 'd1', kind: 'code', expiresAt },
    ]);
    await store.addJoinLinks([{ hash: 'h-join-d2', documentId: 'd2', kind: 'token', expiresAt: '2000-01-01T00:00:00.000Z' }]);
    expect(await store.findJoinLink('h-join')).toEqual({ hash: 'h-join', documentId: 'd1', kind: 'token', expiresAt });
    expect(await store.findJoinLink('h-code')).toEqual({ hash: 'h-code', documentId: 'd1', kind: 'code', expiresAt });
    expect((await store.findJoinLink('h-join-d2'))?.documentId).toBe('d2');
    expect(await store.findAccess('h-join')).toBeNull();
    expect(await store.findJoinLink('h-editor')).toBeNull();
    await expect(store.addJoinLinks([{ hash: 'h-join', documentId: 'd2', kind: 'token', expiresAt }])).rejects.toThrow();

    await store.revokeJoinLinks('d1');
    expect(await store.findJoinLink('h-join')).toBeNull();
    expect(await store.findJoinLink('h-code')).toBeNull();
    expect((await store.findJoinLink('h-join-d2'))?.documentId).toBe('d2');
  });

  test('S9: a survey token finds only its document, never workspace access, until replaced or revoked', async () => {
    const store = await fresh();
    await store.createDocument(record('d2'), u());
    expect(await store.hasSurveyToken('d1')).toBe(false);
    await store.replaceSurveyToken('d1', 'h-survey');
    await store.replaceSurveyToken('d2', 'h-survey-d2');
    expect(await store.findSurveyDocument('h-survey')).toBe('d1');
    expect(await store.hasSurveyToken('d1')).toBe(true);
    expect(await store.findAccess('h-survey')).toBeNull();
    expect(await store.findSurveyDocument('h-editor')).toBeNull();

    await store.replaceSurveyToken('d1', 'h-survey-2');
    expect(await store.findSurveyDocument('h-survey')).toBeNull();
    expect(await store.findSurveyDocument('h-survey-2')).toBe('d1');

    await store.replaceSurveyToken('d1', null);
    expect(await store.findSurveyDocument('h-survey-2')).toBeNull();
    expect(await store.hasSurveyToken('d1')).toBe(false);
    expect(await store.findSurveyDocument('h-survey-d2')).toBe('d2');
    await store.replaceSurveyToken('d1', null);
    expect(await store.hasSurveyToken('d1')).toBe(false);
  });

  test('documents list per workspace, most recently changed first, with summaries kept current', async () => {
    const store = await fresh();
    await store.createDocument(record('d2', '2026-11-29T09:00:00.000Z'), u());
    await store.updateDocumentSummary('d2', { title: 'Renamed', updatedAt: '2026-11-29T12:00:00.000Z' });
    expect((await store.listDocuments('w1')).map((d) => [d.id, d.title])).toEqual([['d2', 'Renamed'], ['d1', 'Doc d1']]);
    expect(await store.getWorkspace('w1')).toEqual(workspace);
  });

  test('S8: unknown ids read as empty, not as errors', async () => {
    const store = await fresh();
    expect(await store.getDocument('nope')).toBeNull();
    expect(await store.getWorkspace('nope')).toBeNull();
    expect(await store.findAccess('nope')).toBeNull();
    expect(await store.listDocuments('nope')).toEqual([]);
    expect(await store.loadDocument('nope')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    expect(await store.listVersions('nope')).toEqual([]);
    expect(await store.storedBytes('nope')).toBe(0);
    expect(await store.findSurveyDocument('nope')).toBeNull();
    expect(await store.hasSurveyToken('nope')).toBe(false);
  });

  test('keeps its own copy of appended bytes even if the caller reuses the buffer', async () => {
    const store = await fresh();
    const buffer = u(1, 2);
    await store.appendUpdates([{ documentId: 'd1', updates: [buffer] }]);
    buffer[0] = 99;
    expect((await store.loadDocument('d1')).updates).toEqual([u(1, 2)]);
  });

  test('S10: a working store probes healthy, and the probe changes nothing it holds', async () => {
    const store = await fresh();
    await store.appendUpdates([{ documentId: 'd1', updates: [u(1)] }]);
    expect(await store.probeHealth()).toEqual({ ok: true });
    expect(await store.loadDocument('d1')).toEqual({ snapshot: u(9, 9), updates: [u(1)], lastSeq: 1 });
  });
});

describe('sqlite store on disk', () => {
  test('S1: a multi-document append that fails for one document stores nothing for any', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathways-store-'));
    const store = SqliteDocumentStore.open(dir);
    opened.push(store);
    await store.createWorkspace(workspace, hashes);
    await store.createDocument(record('d1'), u(1));
    await store.createDocument(record('d2'), u(2));
    // A second connection plants a failure on d2's inserts only, after d1's row is written.
    const saboteur = new Database(join(dir, SQLITE_FILE_NAME));
    saboteur.exec(`CREATE TRIGGER fail_d2 BEFORE INSERT ON updates WHEN NEW.document_id = 'd2' BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    saboteur.close();
    await expect(store.appendUpdates([{ documentId: 'd1', updates: [u(5)] }, { documentId: 'd2', updates: [u(6)] }])).rejects.toThrow('disk says no');
    expect(await store.loadDocument('d1')).toEqual({ snapshot: u(1), updates: [], lastSeq: 0 });
    expect(await store.loadDocument('d2')).toEqual({ snapshot: u(2), updates: [], lastSeq: 0 });
  });

  test('everything appended is there after the file is closed and opened again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathways-store-'));
    const first = SqliteDocumentStore.open(dir);
    await first.createWorkspace(workspace, hashes);
    await first.createDocument(record('d1'), u(1));
    await first.appendUpdates([{ documentId: 'd1', updates: [u(2), u(3)] }]);
    await first.close();
    const second = SqliteDocumentStore.open(dir);
    opened.push(second);
    expect(await second.loadDocument('d1')).toEqual({ snapshot: u(1), updates: [u(2), u(3)], lastSeq: 2 });
    expect(await second.findAccess('h-owner')).toEqual({ workspaceId: 'w1', role: 'owner' });
  });

  test('a database from before survey links opens, gains the survey table and keeps its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathways-store-'));
    const old = new Database(join(dir, SQLITE_FILE_NAME));
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    old.exec(SQLITE_MIGRATIONS.find((step) => step.version === 1)!.sql);
    old.prepare('INSERT INTO schema_version (version) VALUES (1)').run();
    old.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)').run('w1', 'Riverside USD', workspace.createdAt);
    old.prepare('INSERT INTO documents (id, workspace_id, title, template, created_at, updated_at, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)').run('d1', 'w1', 'Doc d1', 'barriers', workspace.createdAt, workspace.createdAt, Buffer.from([1]));
    old.close();
    const upgraded = SqliteDocumentStore.open(dir);
    opened.push(upgraded);
    expect((await upgraded.getDocument('d1'))?.title).toBe('Doc d1');
    await upgraded.replaceSurveyToken('d1', 'h-survey');
    expect(await upgraded.findSurveyDocument('h-survey')).toBe('d1');
  });
});
