import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { DocumentRecord, DocumentStore } from '../../../sync-server/storage/document-store.ts';
import { MemoryDocumentStore } from '../../../sync-server/storage/memory-store.ts';
import { POSTGRES_MIGRATIONS } from '../../../sync-server/storage/postgres-migrations.ts';
import { PostgresDocumentStore } from '../../../sync-server/storage/postgres-store.ts';
import { SQLITE_MIGRATIONS } from '../../../sync-server/storage/sqlite-migrations.ts';
import {
  SQLITE_FILE_NAME,
  SqliteDocumentStore,
} from '../../../sync-server/storage/sqlite-store.ts';
import { startPostgres, type PostgresServer } from '../../support/postgres-server.ts';
import { identityContract } from './identity-contract.ts';

/** The storage contract (rules S1–S18 in sync-server/relay/SPEC.md), run against every store. */

const hashes = { owner: 'h-owner', editor: 'h-editor', viewer: 'h-viewer' };
const workspace = { id: 'w1', name: 'Riverside USD', createdAt: '2026-11-29T10:00:00.000Z' };
const storedWorkspace = { ...workspace, signInRequired: false };
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

/** A real PostgreSQL server for this file; each test gets an empty database of its own. */
let postgres: PostgresServer;
let databases = 0;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});
const freshDatabase = (): Promise<string> => postgres.createDatabase(`contract_${++databases}`);

const stores: [string, () => Promise<DocumentStore>][] = [
  ['memory', async () => new MemoryDocumentStore()],
  ['sqlite', async () => SqliteDocumentStore.open(mkdtempSync(join(tmpdir(), 'pathways-store-')))],
  ['postgres', async () => PostgresDocumentStore.open(await freshDatabase())],
];

describe.each(stores)('%s store', (_name, make) => {
  async function fresh(): Promise<DocumentStore> {
    const store = await make();
    opened.push(store);
    await store.createWorkspace(workspace, hashes);
    await store.createDocument(record('d1'), u(9, 9));
    return store;
  }

  identityContract(fresh);

  test('S1/S2: appended updates load back after the snapshot, in order, with the last sequence number', async () => {
    const store = await fresh();
    expect(await store.appendUpdates([{ documentId: 'd1', updates: [u(1), u(2)] }])).toEqual([2]);
    expect(await store.appendUpdates([{ documentId: 'd1', updates: [u(3)] }])).toEqual([3]);
    expect(await store.loadDocument('d1')).toEqual({
      snapshot: u(9, 9),
      updates: [u(1), u(2), u(3)],
      lastSeq: 3,
    });
  });

  test("S1: one call appends to several documents, in order, returning each append's last sequence number", async () => {
    const store = await fresh();
    await store.createDocument(record('d2'), u(8));
    const seqs = await store.appendUpdates([
      { documentId: 'd1', updates: [u(1)] },
      { documentId: 'd2', updates: [u(2), u(3)] },
      { documentId: 'd1', updates: [u(4)] },
    ]);
    expect(seqs).toEqual([1, 2, 2]);
    expect(await store.loadDocument('d1')).toEqual({
      snapshot: u(9, 9),
      updates: [u(1), u(4)],
      lastSeq: 2,
    });
    expect(await store.loadDocument('d2')).toEqual({
      snapshot: u(8),
      updates: [u(2), u(3)],
      lastSeq: 2,
    });
  });

  test('S3/S4: compaction replaces the snapshot and drops only the updates it covers', async () => {
    const store = await fresh();
    await store.appendUpdates([{ documentId: 'd1', updates: [u(1), u(2), u(3)] }]);
    await store.compact('d1', u(7, 7, 7), 2);
    await store.appendUpdates([{ documentId: 'd1', updates: [u(4)] }]);
    expect(await store.loadDocument('d1')).toEqual({
      snapshot: u(7, 7, 7),
      updates: [u(3), u(4)],
      lastSeq: 4,
    });
    expect(await store.storedBytes('d1')).toBe(5);
  });

  test('S12: sequence numbers go on after a compaction has emptied the log', async () => {
    const store = await fresh();
    await store.appendUpdates([{ documentId: 'd1', updates: [u(1), u(2), u(3)] }]);
    await store.compact('d1', u(7), 3);
    expect(await store.loadDocument('d1')).toEqual({ snapshot: u(7), updates: [], lastSeq: 3 });
    expect(await store.appendUpdates([{ documentId: 'd1', updates: [u(4)] }])).toEqual([4]);
  });

  test('S13: a compaction through an earlier sequence number keeps the newer snapshot', async () => {
    const store = await fresh();
    await store.appendUpdates([{ documentId: 'd1', updates: [u(1), u(2), u(3), u(4)] }]);
    await store.compact('d1', u(7, 3), 3);
    await store.compact('d1', u(7, 2), 2);
    expect(await store.loadDocument('d1')).toEqual({
      snapshot: u(7, 3),
      updates: [u(4)],
      lastSeq: 4,
    });
    await store.compact('d1', u(7, 4), 4);
    expect(await store.loadDocument('d1')).toEqual({ snapshot: u(7, 4), updates: [], lastSeq: 4 });
  });

  test('S14: reading after a sequence number gives what a reader holding it lacks, with the snapshot once compaction folded some in', async () => {
    const store = await fresh();
    await store.appendUpdates([{ documentId: 'd1', updates: [u(1), u(2), u(3)] }]);
    expect(await store.readUpdatesAfter('d1', 1)).toEqual({
      snapshot: null,
      updates: [u(2), u(3)],
      lastSeq: 3,
    });
    expect(await store.readUpdatesAfter('d1', 3)).toEqual({
      snapshot: null,
      updates: [],
      lastSeq: 3,
    });
    await store.compact('d1', u(7, 7), 2);
    await store.appendUpdates([{ documentId: 'd1', updates: [u(4)] }]);
    expect(await store.readUpdatesAfter('d1', 1)).toEqual({
      snapshot: u(7, 7),
      updates: [u(3), u(4)],
      lastSeq: 4,
    });
    expect(await store.readUpdatesAfter('d1', 2)).toEqual({
      snapshot: null,
      updates: [u(3), u(4)],
      lastSeq: 4,
    });
    expect(await store.readUpdatesAfter('nope', 0)).toEqual({
      snapshot: null,
      updates: [],
      lastSeq: 0,
    });
  });

  test('S5: versions list newest first and read back byte for byte', async () => {
    const store = await fresh();
    await store.saveVersion(
      {
        id: 'v1',
        documentId: 'd1',
        label: 'After kickoff',
        auto: false,
        createdAt: '2026-11-29T10:00:00.000Z',
      },
      u(1, 2, 3),
    );
    await store.saveVersion(
      {
        id: 'v2',
        documentId: 'd1',
        label: 'Session ended',
        auto: true,
        createdAt: '2026-11-29T11:00:00.000Z',
      },
      u(4, 5),
    );
    expect((await store.listVersions('d1')).map((v) => [v.id, v.auto])).toEqual([
      ['v2', true],
      ['v1', false],
    ]);
    expect(await store.readVersion('d1', 'v1')).toEqual(u(1, 2, 3));
    expect(await store.readVersion('other', 'v1')).toBeNull();
  });

  test('S16: saving a version whose id is stored already keeps the stored one and changes nothing', async () => {
    const store = await fresh();
    await store.saveVersion(
      {
        id: 'session-1',
        documentId: 'd1',
        label: 'Session ended',
        auto: true,
        createdAt: '2026-11-29T10:00:00.000Z',
      },
      u(1, 2),
    );
    await store.saveVersion(
      {
        id: 'session-1',
        documentId: 'd1',
        label: 'Session ended',
        auto: true,
        createdAt: '2026-11-29T10:00:01.000Z',
      },
      u(3),
    );
    expect((await store.listVersions('d1')).map((v) => [v.id, v.createdAt])).toEqual([
      ['session-1', '2026-11-29T10:00:00.000Z'],
    ]);
    expect(await store.readVersion('d1', 'session-1')).toEqual(u(1, 2));
  });

  test('S16: the audit events of a version are written with the version only, so a repeated save logs nothing more', async () => {
    const store = await fresh();
    const saved = (at: string) => [
      {
        workspaceId: 'w1',
        at,
        actor: { type: 'system' } as const,
        action: 'version-saved' as const,
        target: 'd1',
        outcome: 'success' as const,
        requestId: null,
        detail: 'session-2',
      },
    ];
    await store.saveVersion(
      {
        id: 'session-2',
        documentId: 'd1',
        label: 'Session ended',
        auto: true,
        createdAt: '2026-11-29T10:00:00.000Z',
      },
      u(1),
      saved('2026-11-29T10:00:00.000Z'),
    );
    await store.saveVersion(
      {
        id: 'session-2',
        documentId: 'd1',
        label: 'Session ended',
        auto: true,
        createdAt: '2026-11-29T10:00:01.000Z',
      },
      u(1),
      saved('2026-11-29T10:00:01.000Z'),
    );
    const events = await store.listAudit('w1', { limit: 100 });
    expect(
      events
        .filter((event) => event.action === 'version-saved')
        .map((event) => [event.at, event.actor]),
    ).toEqual([['2026-11-29T10:00:00.000Z', { type: 'system' }]]);
  });

  test('S17: deleting a document removes its log, snapshot, versions, survey and join links, keeps its id as deleted, and logs it in the same transaction', async () => {
    const store = await fresh();
    await store.createDocument(record('d2'), u(7));
    await store.appendUpdates([{ documentId: 'd1', updates: [u(1), u(2)] }]);
    await store.compact('d1', u(9, 1), 1);
    await store.saveVersion(
      {
        id: 'v1',
        documentId: 'd1',
        label: 'Kickoff',
        auto: false,
        createdAt: '2026-11-29T10:00:00.000Z',
      },
      u(5),
    );
    await store.replaceSurveyToken('d1', 'h-survey');
    await store.addJoinLinks([
      { hash: 'h-join', documentId: 'd1', kind: 'token', expiresAt: '2999-01-01T00:00:00.000Z' },
    ]);
    const audit = {
      workspaceId: 'w1',
      at: '2026-11-29T11:00:00.000Z',
      actor: { type: 'link', role: 'owner' } as const,
      action: 'document-deleted' as const,
      target: 'd1',
      outcome: 'success' as const,
      requestId: 'req-del',
    };

    expect(await store.deleteDocument('d1', '2026-11-29T11:00:00.000Z', audit)).toBe(true);
    expect(await store.getDocument('d1')).toBeNull();
    expect(await store.loadDocument('d1')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    expect(await store.storedBytes('d1')).toBe(0);
    expect(await store.listVersions('d1')).toEqual([]);
    expect(await store.readVersion('d1', 'v1')).toBeNull();
    expect(await store.findSurveyDocument('h-survey')).toBeNull();
    expect(await store.findJoinLink('h-join')).toBeNull();
    expect((await store.listDocuments('w1')).map((d) => d.id)).toEqual(['d2']);
    expect(await store.findDeletedDocument('d1')).toEqual({
      id: 'd1',
      workspaceId: 'w1',
      deletedAt: '2026-11-29T11:00:00.000Z',
    });
    expect(await store.findDeletedDocument('d2')).toBeNull();
    expect(
      (await store.listAudit('w1', { limit: 10 })).map((event) => [event.action, event.target]),
    ).toEqual([['document-deleted', 'd1']]);
    // The other document is untouched; deleting again, or an unknown id, changes nothing.
    expect(await store.loadDocument('d2')).toEqual({ snapshot: u(7), updates: [], lastSeq: 0 });
    expect(
      await store.deleteDocument('d1', '2026-11-29T12:00:00.000Z', {
        ...audit,
        at: '2026-11-29T12:00:00.000Z',
      }),
    ).toBe(false);
    expect(await store.deleteDocument('nope', '2026-11-29T12:00:00.000Z')).toBe(false);
    expect(await store.listAudit('w1', { limit: 10 })).toHaveLength(1);
  });

  test("S18: an append to a deleted document stores nothing for it and returns null in its place; the batch's other appends are stored", async () => {
    const store = await fresh();
    await store.createDocument(record('d2'), u(7));
    await store.appendUpdates([{ documentId: 'd1', updates: [u(1)] }]);
    await store.deleteDocument('d1', '2026-11-29T11:00:00.000Z');

    expect(
      await store.appendUpdates([
        { documentId: 'd2', updates: [u(2)] },
        { documentId: 'd1', updates: [u(3), u(4)] },
        { documentId: 'd2', updates: [u(5)] },
      ]),
    ).toEqual([1, null, 2]);
    expect(await store.loadDocument('d2')).toEqual({
      snapshot: u(7),
      updates: [u(2), u(5)],
      lastSeq: 2,
    });
    expect(await store.loadDocument('d1')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    expect(await store.storedBytes('d1')).toBe(0);
    expect(await store.findDeletedDocument('d1')).not.toBeNull();
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
    await store.addJoinLinks([
      { hash: 'h-join-d2', documentId: 'd2', kind: 'token', expiresAt: '2000-01-01T00:00:00.000Z' },
    ]);
    expect(await store.findJoinLink('h-join')).toEqual({
      hash: 'h-join',
      documentId: 'd1',
      kind: 'token',
      expiresAt,
    });
    expect(await store.findJoinLink('h-code')).toEqual({
      hash: 'h-code',
      documentId: 'd1',
      kind: 'code',
      expiresAt,
    });
    expect((await store.findJoinLink('h-join-d2'))?.documentId).toBe('d2');
    expect(await store.findAccess('h-join')).toBeNull();
    expect(await store.findJoinLink('h-editor')).toBeNull();
    await expect(
      store.addJoinLinks([{ hash: 'h-join', documentId: 'd2', kind: 'token', expiresAt }]),
    ).rejects.toThrow();

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
    await store.updateDocumentSummary('d2', {
      title: 'Renamed',
      updatedAt: '2026-11-29T12:00:00.000Z',
    });
    expect((await store.listDocuments('w1')).map((d) => [d.id, d.title])).toEqual([
      ['d2', 'Renamed'],
      ['d1', 'Doc d1'],
    ]);
    expect(await store.getWorkspace('w1')).toEqual(storedWorkspace);
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
    expect(await store.loadDocument('d1')).toEqual({
      snapshot: u(9, 9),
      updates: [u(1)],
      lastSeq: 1,
    });
  });
});

describe('sqlite store on disk', () => {
  test('I8: the audit table refuses UPDATE and DELETE, even from another connection to the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathways-store-'));
    const store = SqliteDocumentStore.open(dir);
    opened.push(store);
    await store.createWorkspace(workspace, hashes, {
      workspaceId: 'w1',
      at: '2026-12-01T08:00:00.000Z',
      actor: { type: 'system' },
      action: 'workspace-created',
      outcome: 'success',
    } as const);
    const direct = new Database(join(dir, SQLITE_FILE_NAME));
    expect(() => direct.exec("UPDATE audit_events SET action = 'nothing-happened'")).toThrow(
      'append-only',
    );
    expect(() => direct.exec('DELETE FROM audit_events')).toThrow('append-only');
    direct.close();
    expect((await store.listAudit('w1', { limit: 10 })).map((event) => event.action)).toEqual([
      'workspace-created',
    ]);
  });

  test('S1: a multi-document append that fails for one document stores nothing for any', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathways-store-'));
    const store = SqliteDocumentStore.open(dir);
    opened.push(store);
    await store.createWorkspace(workspace, hashes);
    await store.createDocument(record('d1'), u(1));
    await store.createDocument(record('d2'), u(2));
    // A second connection plants a failure on d2's inserts only, after d1's row is written.
    const saboteur = new Database(join(dir, SQLITE_FILE_NAME));
    saboteur.exec(
      `CREATE TRIGGER fail_d2 BEFORE INSERT ON updates WHEN NEW.document_id = 'd2' BEGIN SELECT RAISE(ABORT, 'disk says no'); END`,
    );
    saboteur.close();
    await expect(
      store.appendUpdates([
        { documentId: 'd1', updates: [u(5)] },
        { documentId: 'd2', updates: [u(6)] },
      ]),
    ).rejects.toThrow('disk says no');
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
    expect(await second.loadDocument('d1')).toEqual({
      snapshot: u(1),
      updates: [u(2), u(3)],
      lastSeq: 2,
    });
    expect(await second.findAccess('h-owner')).toEqual({ workspaceId: 'w1', role: 'owner' });
  });

  test('a database from before survey links opens, gains the survey table and keeps its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathways-store-'));
    const old = new Database(join(dir, SQLITE_FILE_NAME));
    old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    old.exec(SQLITE_MIGRATIONS.find((step) => step.version === 1)!.sql);
    old.prepare('INSERT INTO schema_version (version) VALUES (1)').run();
    old
      .prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)')
      .run('w1', 'Riverside USD', workspace.createdAt);
    old
      .prepare(
        'INSERT INTO documents (id, workspace_id, title, template, created_at, updated_at, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        'd1',
        'w1',
        'Doc d1',
        'barriers',
        workspace.createdAt,
        workspace.createdAt,
        Buffer.from([1]),
      );
    old.close();
    const upgraded = SqliteDocumentStore.open(dir);
    opened.push(upgraded);
    expect((await upgraded.getDocument('d1'))?.title).toBe('Doc d1');
    await upgraded.replaceSurveyToken('d1', 'h-survey');
    expect(await upgraded.findSurveyDocument('h-survey')).toBe('d1');
  });
});

describe('postgres store on a shared server', () => {
  async function open(url: string): Promise<PostgresDocumentStore> {
    const store = await PostgresDocumentStore.open(url);
    opened.push(store);
    return store;
  }

  test('I8: the audit table refuses UPDATE, DELETE and TRUNCATE, even from another connection', async () => {
    const url = await freshDatabase();
    const store = await open(url);
    await store.createWorkspace(workspace, hashes, {
      workspaceId: 'w1',
      at: '2026-12-01T08:00:00.000Z',
      actor: { type: 'system' },
      action: 'workspace-created',
      outcome: 'success',
    } as const);
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    await expect(
      direct.query("UPDATE audit_events SET action = 'nothing-happened'"),
    ).rejects.toThrow('append-only');
    await expect(direct.query('DELETE FROM audit_events')).rejects.toThrow('append-only');
    await expect(direct.query('TRUNCATE audit_events')).rejects.toThrow('append-only');
    await direct.end();
    expect((await store.listAudit('w1', { limit: 10 })).map((event) => event.action)).toEqual([
      'workspace-created',
    ]);
  });

  test('S15: two nodes opening an empty database at once migrate it once, and opening again changes nothing', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    await a.createWorkspace(workspace, hashes);
    expect(await b.getWorkspace('w1')).toEqual(storedWorkspace);
    await open(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM schema_version ORDER BY version',
    );
    await client.end();
    expect(rows.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((step) => step.version));
  });

  test('S12: two nodes appending to one document at once get numbers without gaps, in the order the log holds', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    await a.createWorkspace(workspace, hashes);
    await a.createDocument(record('d1'), u(0));
    const given = new Map<number, Uint8Array>();
    const write = async (store: DocumentStore, node: number): Promise<number[]> => {
      const seqs: number[] = [];
      for (let i = 0; i < 40; i++) {
        const update = u(node, i);
        const [seq] = await store.appendUpdates([{ documentId: 'd1', updates: [update] }]);
        given.set(seq!, update);
        seqs.push(seq!);
      }
      return seqs;
    };
    const [fromA, fromB] = await Promise.all([write(a, 1), write(b, 2)]);
    for (const seqs of [fromA, fromB]) expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect([...given.keys()].sort((x, y) => x - y)).toEqual(
      Array.from({ length: 80 }, (_, i) => i + 1),
    );
    const stored = await b.loadDocument('d1');
    expect(stored.lastSeq).toBe(80);
    expect(stored.updates).toEqual(Array.from({ length: 80 }, (_, i) => given.get(i + 1)));
  });

  test('S15: two nodes appending to the same documents in opposite orders never deadlock', async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([open(url), open(url)]);
    await a.createWorkspace(workspace, hashes);
    const ids = ['d1', 'd2', 'd3', 'd4'];
    for (const id of ids) await a.createDocument(record(id), u());
    const write = async (store: DocumentStore, order: string[]): Promise<void> => {
      for (let i = 0; i < 25; i++)
        await store.appendUpdates(order.map((documentId) => ({ documentId, updates: [u(i)] })));
    };
    await Promise.all([
      write(a, ids),
      write(b, [...ids].reverse()),
      write(a, [ids[2]!, ids[0]!, ids[3]!, ids[1]!]),
    ]);
    for (const id of ids) expect((await a.loadDocument(id)).lastSeq).toBe(75);
  });

  test('S1: a multi-document append that fails for one document stores nothing for any', async () => {
    const url = await freshDatabase();
    const store = await open(url);
    await store.createWorkspace(workspace, hashes);
    await store.createDocument(record('d1'), u(1));
    await store.createDocument(record('d2'), u(2));
    const saboteur = new pg.Client({ connectionString: url });
    await saboteur.connect();
    await saboteur.query(
      `CREATE FUNCTION fail_d2() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.document_id = 'd2' THEN RAISE EXCEPTION 'disk says no'; END IF; RETURN NEW; END $$`,
    );
    await saboteur.query(
      'CREATE TRIGGER fail_d2 BEFORE INSERT ON updates FOR EACH ROW EXECUTE FUNCTION fail_d2()',
    );
    await saboteur.end();
    await expect(
      store.appendUpdates([
        { documentId: 'd1', updates: [u(5)] },
        { documentId: 'd2', updates: [u(6)] },
      ]),
    ).rejects.toThrow('disk says no');
    expect(await store.loadDocument('d1')).toEqual({ snapshot: u(1), updates: [], lastSeq: 0 });
    expect(await store.loadDocument('d2')).toEqual({ snapshot: u(2), updates: [], lastSeq: 0 });
    // The numbers a failed append took are given back: the next one starts at 1.
    expect(await store.appendUpdates([{ documentId: 'd1', updates: [u(7)] }])).toEqual([1]);
  });

  test('everything stored is there for a node that connects later', async () => {
    const url = await freshDatabase();
    const first = await PostgresDocumentStore.open(url);
    await first.createWorkspace(workspace, hashes);
    await first.createDocument(record('d1'), u(1));
    await first.appendUpdates([{ documentId: 'd1', updates: [u(2), u(3)] }]);
    await first.close();
    await first.close();
    const second = await open(url);
    expect(await second.loadDocument('d1')).toEqual({
      snapshot: u(1),
      updates: [u(2), u(3)],
      lastSeq: 2,
    });
    expect(await second.findAccess('h-owner')).toEqual({ workspaceId: 'w1', role: 'owner' });
  });
});
