import Database from 'better-sqlite3';
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { Access, DeletedDocument, DocumentAppend, DocumentRecord, DocumentStore, JoinLinkRecord, Role, StorageHealth, StoredDocument, VersionRecord, WorkspaceOwner, WorkspaceRecord } from './document-store.ts';
import type { AuditEntry } from './identity-records.ts';
import { SqliteIdentity } from './sqlite-identity.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import { toDocument, type DocumentRow } from './document-row.ts';
import { IdentityDelegation } from './identity-delegation.ts';

export const SQLITE_FILE_NAME = 'pathways.sqlite';

interface VersionRow {
  id: string;
  document_id: string;
  label: string;
  auto: number;
  created_at: string;
}

const toVersion = (row: VersionRow): VersionRecord => ({ id: row.id, documentId: row.document_id, label: row.label, auto: row.auto === 1, createdAt: row.created_at });

/** better-sqlite3 returns Buffers; callers get plain Uint8Array views of the same bytes. */
const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/**
 * How hard a commit waits for the disk. WAL with `NORMAL` (the default): a committed transaction
 * is in the OS before the call returns, so it survives a killed or crashed process (the relay's
 * promise), but the last commits before a power cut may be lost; every client that saw them still
 * holds them in IndexedDB and sends them again when it reconnects. `FULL` adds an fsync per commit,
 * which survives power loss too but blocks the event loop for the fsync: on a busy disk that
 * stalls every room (figures in tests/bench/README.md, "Relay settings").
 */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

/** The embedded default store: one SQLite file in WAL mode, statements prepared once. */
export class SqliteDocumentStore extends IdentityDelegation implements DocumentStore {
  private readonly db: Database.Database;
  private readonly statements;
  /** Built once: better-sqlite3's `transaction()` wrapper is costly to create per call. */
  private readonly appendAll: (appends: readonly DocumentAppend[]) => number[];
  /**
   * The file as opened. SQLite keeps writing to an open file after it is deleted or replaced,
   * and every write "succeeds" into a file nobody will read again; comparing identities is how
   * the store notices.
   */
  private readonly identity: Pick<Stats, 'dev' | 'ino'>;
  /** Accounts, sessions, members and the audit log; its methods are this store's too. */
  protected readonly people: SqliteIdentity;

  constructor(
    private readonly path: string,
    synchronous: SqliteSynchronous = 'NORMAL',
  ) {
    super();
    this.db = new Database(path);
    this.identity = statSync(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.pragma('foreign_keys = ON');
    migrate(this.db);
    const db = this.db;
    this.people = new SqliteIdentity(db);
    this.statements = {
      insertWorkspace: db.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)'),
      getWorkspace: db.prepare<[string], { id: string; name: string; created_at: string; sign_in_required: number }>('SELECT id, name, created_at, sign_in_required FROM workspaces WHERE id = ?'),
      insertOwner: db.prepare("INSERT INTO members (id, workspace_id, email, account_id, role, invited_at) VALUES (?, ?, ?, ?, 'owner', ?)"),
      insertToken: db.prepare('INSERT INTO tokens (hash, workspace_id, role) VALUES (?, ?, ?)'),
      findToken: db.prepare<[string], { workspace_id: string; role: Role }>('SELECT workspace_id, role FROM tokens WHERE hash = ?'),
      deleteToken: db.prepare('DELETE FROM tokens WHERE workspace_id = ? AND role = ?'),
      insertDocument: db.prepare('INSERT INTO documents (id, workspace_id, title, template, created_at, updated_at, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      getDocument: db.prepare<[string], DocumentRow>('SELECT id, workspace_id, title, template, created_at, updated_at FROM documents WHERE id = ?'),
      listDocuments: db.prepare<[string], DocumentRow>('SELECT id, workspace_id, title, template, created_at, updated_at FROM documents WHERE workspace_id = ? ORDER BY updated_at DESC, id'),
      updateSummary: db.prepare('UPDATE documents SET title = ?, updated_at = ? WHERE id = ?'),
      getSnapshot: db.prepare<[string], { snapshot: Buffer | null; snapshot_seq: number }>('SELECT snapshot, snapshot_seq FROM documents WHERE id = ?'),
      listUpdatesAfter: db.prepare<[string, number], { seq: number; data: Buffer }>('SELECT seq, data FROM updates WHERE document_id = ? AND seq > ? ORDER BY seq'),
      // The log may be empty after a compaction; numbering goes on from the snapshot's (S12).
      lastSeq: db.prepare<[string, string], { seq: number | null }>(
        'SELECT MAX(COALESCE((SELECT MAX(seq) FROM updates WHERE document_id = ?), 0), COALESCE((SELECT snapshot_seq FROM documents WHERE id = ?), 0)) AS seq',
      ),
      insertUpdate: db.prepare('INSERT INTO updates (document_id, seq, data) VALUES (?, ?, ?)'),
      // Only a later snapshot replaces the stored one (S13).
      setSnapshot: db.prepare('UPDATE documents SET snapshot = ?, snapshot_seq = ? WHERE id = ? AND snapshot_seq < ?'),
      deleteUpdatesThrough: db.prepare('DELETE FROM updates WHERE document_id = ? AND seq <= ?'),
      storedBytes: db.prepare<[string, string], { bytes: number | null }>(
        'SELECT COALESCE((SELECT LENGTH(snapshot) FROM documents WHERE id = ?), 0) + COALESCE((SELECT SUM(LENGTH(data)) FROM updates WHERE document_id = ?), 0) AS bytes',
      ),
      upsertSurveyToken: db.prepare('INSERT INTO survey_tokens (document_id, hash) VALUES (?, ?) ON CONFLICT (document_id) DO UPDATE SET hash = excluded.hash'),
      deleteSurveyToken: db.prepare('DELETE FROM survey_tokens WHERE document_id = ?'),
      findSurveyToken: db.prepare<[string], { document_id: string }>('SELECT document_id FROM survey_tokens WHERE hash = ?'),
      hasSurveyToken: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM survey_tokens WHERE document_id = ?'),
      insertJoinLink: db.prepare('INSERT INTO join_links (hash, document_id, kind, expires_at) VALUES (?, ?, ?, ?)'),
      findJoinLink: db.prepare<[string], { hash: string; document_id: string; kind: 'token' | 'code'; expires_at: string }>('SELECT hash, document_id, kind, expires_at FROM join_links WHERE hash = ?'),
      deleteJoinLinks: db.prepare('DELETE FROM join_links WHERE document_id = ?'),
      insertVersion: db.prepare('INSERT INTO versions (id, document_id, label, auto, created_at, state) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING'),
      listVersions: db.prepare<[string], VersionRow>('SELECT id, document_id, label, auto, created_at FROM versions WHERE document_id = ? ORDER BY created_at DESC, rowid DESC'),
      readVersion: db.prepare<[string, string], { state: Buffer }>('SELECT state FROM versions WHERE document_id = ? AND id = ?'),
      deleteDocumentRows: ['join_links', 'survey_tokens', 'versions', 'updates'].map((table) => db.prepare(`DELETE FROM ${table} WHERE document_id = ?`)),
      deleteDocument: db.prepare('DELETE FROM documents WHERE id = ?'),
      insertDeleted: db.prepare('INSERT INTO deleted_documents (id, workspace_id, deleted_at) VALUES (?, ?, ?)'),
      findDeleted: db.prepare<[string], { id: string; workspace_id: string; deleted_at: string }>('SELECT id, workspace_id, deleted_at FROM deleted_documents WHERE id = ?'),
      writeProbe: db.prepare('INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at'),
    };
    const { lastSeq, insertUpdate } = this.statements;
    this.appendAll = db.transaction((appends: readonly DocumentAppend[]): number[] =>
      appends.map(({ documentId, updates }) => {
        let seq = lastSeq.get(documentId, documentId)?.seq ?? 0;
        for (const update of updates) insertUpdate.run(documentId, ++seq, Buffer.from(update.buffer, update.byteOffset, update.byteLength));
        return seq;
      }),
    );
  }

  /** Opens (creating if needed) the store in `dataDir`. */
  static open(dataDir: string, synchronous: SqliteSynchronous = 'NORMAL'): SqliteDocumentStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteDocumentStore(join(dataDir, SQLITE_FILE_NAME), synchronous);
  }

  async createWorkspace(workspace: WorkspaceRecord, tokenHashes: Readonly<Record<Role, string>>, audit?: AuditEntry, owner?: WorkspaceOwner): Promise<void> {
    this.db.transaction(() => {
      this.statements.insertWorkspace.run(workspace.id, workspace.name, workspace.createdAt);
      for (const [role, hash] of Object.entries(tokenHashes)) this.statements.insertToken.run(hash, workspace.id, role);
      if (owner !== undefined) this.statements.insertOwner.run(owner.memberId, workspace.id, owner.email, owner.accountId, workspace.createdAt);
      this.people.writeAudit(audit);
    })();
  }

  async getWorkspace(id: string): Promise<WorkspaceRecord | null> {
    const row = this.statements.getWorkspace.get(id);
    return row === undefined ? null : { id: row.id, name: row.name, createdAt: row.created_at, signInRequired: row.sign_in_required === 1 };
  }

  async findAccess(tokenHash: string): Promise<Access | null> {
    const row = this.statements.findToken.get(tokenHash);
    return row === undefined ? null : { workspaceId: row.workspace_id, role: row.role };
  }

  async replaceToken(workspaceId: string, role: Role, tokenHash: string, audit?: AuditEntry): Promise<void> {
    this.db.transaction(() => {
      this.statements.deleteToken.run(workspaceId, role);
      this.statements.insertToken.run(tokenHash, workspaceId, role);
      this.people.writeAudit(audit);
    })();
  }

  async createDocument(record: DocumentRecord, initialState: Uint8Array, audit?: AuditEntry): Promise<void> {
    this.db.transaction(() => {
      this.statements.insertDocument.run(record.id, record.workspaceId, record.title, record.template, record.createdAt, record.updatedAt, Buffer.from(initialState));
      this.people.writeAudit(audit);
    })();
  }

  async getDocument(id: string): Promise<DocumentRecord | null> {
    const row = this.statements.getDocument.get(id);
    return row === undefined ? null : toDocument(row);
  }

  async listDocuments(workspaceId: string): Promise<DocumentRecord[]> {
    return this.statements.listDocuments.all(workspaceId).map(toDocument);
  }

  async updateDocumentSummary(id: string, summary: { readonly title: string; readonly updatedAt: string }): Promise<void> {
    this.statements.updateSummary.run(summary.title, summary.updatedAt, id);
  }

  async deleteDocument(id: string, deletedAt: string, audit?: AuditEntry): Promise<boolean> {
    return this.db.transaction((): boolean => {
      const document = this.statements.getDocument.get(id);
      if (document === undefined) return false;
      for (const statement of this.statements.deleteDocumentRows) statement.run(id);
      this.statements.deleteDocument.run(id);
      this.statements.insertDeleted.run(id, document.workspace_id, deletedAt);
      this.people.writeAudit(audit);
      return true;
    })();
  }

  async findDeletedDocument(id: string): Promise<DeletedDocument | null> {
    const row = this.statements.findDeleted.get(id);
    return row === undefined ? null : { id: row.id, workspaceId: row.workspace_id, deletedAt: row.deleted_at };
  }

  async loadDocument(id: string): Promise<StoredDocument> {
    return this.read(id, null);
  }

  async readUpdatesAfter(id: string, afterSeq: number): Promise<StoredDocument> {
    return this.read(id, afterSeq);
  }

  /** The snapshot (always when `afterSeq` is null) and the log after `afterSeq`. */
  private read(id: string, afterSeq: number | null): StoredDocument {
    // One read transaction, so a compaction cannot slip between reading the snapshot and the log.
    return this.db.transaction((): StoredDocument => {
      const row = this.statements.getSnapshot.get(id);
      const snapshot = row?.snapshot ?? null;
      const withSnapshot = afterSeq === null || (row !== undefined && row.snapshot_seq > afterSeq);
      const rows = this.statements.listUpdatesAfter.all(id, afterSeq ?? -1);
      return {
        snapshot: withSnapshot && snapshot !== null ? bytes(snapshot) : null,
        updates: rows.map((update) => bytes(update.data)),
        lastSeq: this.statements.lastSeq.get(id, id)?.seq ?? 0,
      };
    })();
  }

  async appendUpdates(appends: readonly DocumentAppend[]): Promise<number[]> {
    return this.appendAll(appends);
  }

  async compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.db.transaction(() => {
      this.statements.setSnapshot.run(Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength), throughSeq, id, throughSeq);
      this.statements.deleteUpdatesThrough.run(id, throughSeq);
    })();
  }

  async storedBytes(id: string): Promise<number> {
    return this.statements.storedBytes.get(id, id)?.bytes ?? 0;
  }

  async replaceSurveyToken(documentId: string, tokenHash: string | null, audit?: AuditEntry): Promise<void> {
    this.db.transaction(() => {
      if (tokenHash === null) this.statements.deleteSurveyToken.run(documentId);
      else this.statements.upsertSurveyToken.run(documentId, tokenHash);
      this.people.writeAudit(audit);
    })();
  }

  async findSurveyDocument(tokenHash: string): Promise<string | null> {
    return this.statements.findSurveyToken.get(tokenHash)?.document_id ?? null;
  }

  async hasSurveyToken(documentId: string): Promise<boolean> {
    return this.statements.hasSurveyToken.get(documentId) !== undefined;
  }

  async addJoinLinks(records: readonly JoinLinkRecord[]): Promise<void> {
    this.db.transaction(() => {
      for (const record of records) this.statements.insertJoinLink.run(record.hash, record.documentId, record.kind, record.expiresAt);
    })();
  }

  async findJoinLink(hash: string): Promise<JoinLinkRecord | null> {
    const row = this.statements.findJoinLink.get(hash);
    return row === undefined ? null : { hash: row.hash, documentId: row.document_id, kind: row.kind, expiresAt: row.expires_at };
  }

  async revokeJoinLinks(documentId: string): Promise<void> {
    this.statements.deleteJoinLinks.run(documentId);
  }

  async saveVersion(record: VersionRecord, state: Uint8Array, audit?: readonly AuditEntry[]): Promise<void> {
    this.db.transaction(() => {
      const inserted = this.statements.insertVersion.run(record.id, record.documentId, record.label, record.auto ? 1 : 0, record.createdAt, Buffer.from(state));
      // A version stored already was recorded already (S16): two nodes saving one session log it once.
      if (inserted.changes > 0) this.people.writeAudit(audit);
    })();
  }

  async listVersions(documentId: string): Promise<VersionRecord[]> {
    return this.statements.listVersions.all(documentId).map(toVersion);
  }

  async readVersion(documentId: string, versionId: string): Promise<Uint8Array | null> {
    const row = this.statements.readVersion.get(documentId, versionId);
    return row === undefined ? null : bytes(row.state);
  }

  async probeHealth(): Promise<StorageHealth> {
    try {
      const now = statSync(this.path, { throwIfNoEntry: false });
      if (now === undefined) return { ok: false, reason: `the database file ${this.path} is gone` };
      if (now.dev !== this.identity.dev || now.ino !== this.identity.ino) return { ok: false, reason: `the database file ${this.path} was replaced; restart the server to open the new one` };
      this.statements.writeProbe.run(new Date().toISOString());
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: `writes to ${this.path} fail: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const current = (db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as { version: number | null }).version ?? 0;
  for (const step of SQLITE_MIGRATIONS) {
    if (step.version <= current) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(step.version);
    })();
  }
}
