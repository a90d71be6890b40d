import Database from 'better-sqlite3';
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type {
  Access,
  DeletedDocument,
  DocumentAppend,
  DocumentRecord,
  DocumentStore,
  JoinLinkRecord,
  Role,
  StorageHealth,
  StoredDocument,
  VersionRecord,
  WorkspaceOwner,
  WorkspaceRecord,
} from './document-store.ts';
import type { AuditEntry } from './identity-records.ts';
import { SqliteIdentity } from './sqlite-identity.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import { toDocument, type DocumentRow } from './document-row.ts';
import { IdentityDelegation } from './identity-delegation.ts';
import { SqliteUpdateLog } from './sqlite-update-log.ts';
import { SqliteWorkspaces } from './sqlite-workspaces.ts';
import { SqliteDeletion } from './sqlite-deletion.ts';
import { SqliteLinks } from './sqlite-links.ts';
import { SqliteVersions } from './sqlite-versions.ts';

export const SQLITE_FILE_NAME = 'pathways.sqlite';

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
  /**
   * The file as opened. SQLite keeps writing to an open file after it is deleted or replaced,
   * and every write "succeeds" into a file nobody will read again; comparing identities is how
   * the store notices.
   */
  private readonly identity: Pick<Stats, 'dev' | 'ino'>;
  /** Accounts, sessions, members and the audit log; its methods are this store's too. */
  protected readonly people: SqliteIdentity;
  private readonly workspaces: SqliteWorkspaces;
  private readonly deletion: SqliteDeletion;
  private readonly links: SqliteLinks;
  private readonly versions: SqliteVersions;
  private readonly log: SqliteUpdateLog;

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
    this.workspaces = new SqliteWorkspaces(db, this.people);
    this.deletion = new SqliteDeletion(db, this.people);
    this.links = new SqliteLinks(db, this.people);
    this.versions = new SqliteVersions(db, this.people);
    this.log = new SqliteUpdateLog(db);
    this.statements = {
      insertDocument: db.prepare(
        'INSERT INTO documents (id, workspace_id, title, template, created_at, updated_at, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      getDocument: db.prepare<[string], DocumentRow>(
        'SELECT id, workspace_id, title, template, created_at, updated_at FROM documents WHERE id = ?',
      ),
      listDocuments: db.prepare<[string], DocumentRow>(
        'SELECT id, workspace_id, title, template, created_at, updated_at FROM documents WHERE workspace_id = ? ORDER BY updated_at DESC, id',
      ),
      updateSummary: db.prepare('UPDATE documents SET title = ?, updated_at = ? WHERE id = ?'),
      writeProbe: db.prepare(
        'INSERT INTO health_probe (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at',
      ),
    };
  }

  /** Opens (creating if needed) the store in `dataDir`. */
  static open(dataDir: string, synchronous: SqliteSynchronous = 'NORMAL'): SqliteDocumentStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteDocumentStore(join(dataDir, SQLITE_FILE_NAME), synchronous);
  }

  async createWorkspace(
    workspace: WorkspaceRecord,
    tokenHashes: Readonly<Record<Role, string>>,
    audit?: AuditEntry,
    owner?: WorkspaceOwner,
  ): Promise<void> {
    this.workspaces.create(workspace, tokenHashes, audit, owner);
  }

  async getWorkspace(id: string): Promise<WorkspaceRecord | null> {
    return this.workspaces.get(id);
  }

  async findAccess(tokenHash: string): Promise<Access | null> {
    return this.workspaces.findAccess(tokenHash);
  }

  async replaceToken(
    workspaceId: string,
    role: Role,
    tokenHash: string,
    audit?: AuditEntry,
  ): Promise<void> {
    this.workspaces.replaceToken(workspaceId, role, tokenHash, audit);
  }

  async createDocument(
    record: DocumentRecord,
    initialState: Uint8Array,
    audit?: AuditEntry,
  ): Promise<void> {
    this.db.transaction(() => {
      this.statements.insertDocument.run(
        record.id,
        record.workspaceId,
        record.title,
        record.template,
        record.createdAt,
        record.updatedAt,
        Buffer.from(initialState),
      );
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

  async updateDocumentSummary(
    id: string,
    summary: { readonly title: string; readonly updatedAt: string },
  ): Promise<void> {
    this.statements.updateSummary.run(summary.title, summary.updatedAt, id);
  }

  async deleteDocument(id: string, deletedAt: string, audit?: AuditEntry): Promise<boolean> {
    const deleted = this.deletion.delete(id, deletedAt, audit);
    this.log.forget(id);
    return deleted;
  }

  async findDeletedDocument(id: string): Promise<DeletedDocument | null> {
    return this.deletion.findDeleted(id);
  }

  async loadDocument(id: string): Promise<StoredDocument> {
    return this.log.read(id, null);
  }

  async readUpdatesAfter(id: string, afterSeq: number): Promise<StoredDocument> {
    return this.log.read(id, afterSeq);
  }

  async appendUpdates(appends: readonly DocumentAppend[]): Promise<(number | null)[]> {
    return this.log.append(appends);
  }

  async compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.log.compact(id, snapshot, throughSeq);
  }

  async storedBytes(id: string): Promise<number> {
    return this.log.storedBytes(id);
  }

  async replaceSurveyToken(
    documentId: string,
    tokenHash: string | null,
    audit?: AuditEntry,
  ): Promise<void> {
    this.links.replaceSurveyToken(documentId, tokenHash, audit);
  }

  async findSurveyDocument(tokenHash: string): Promise<string | null> {
    return this.links.findSurveyDocument(tokenHash);
  }

  async hasSurveyToken(documentId: string): Promise<boolean> {
    return this.links.hasSurveyToken(documentId);
  }

  async addJoinLinks(records: readonly JoinLinkRecord[]): Promise<void> {
    this.links.addJoinLinks(records);
  }

  async findJoinLink(hash: string): Promise<JoinLinkRecord | null> {
    return this.links.findJoinLink(hash);
  }

  async revokeJoinLinks(documentId: string): Promise<void> {
    this.links.revokeJoinLinks(documentId);
  }

  async saveVersion(
    record: VersionRecord,
    state: Uint8Array,
    audit?: readonly AuditEntry[],
  ): Promise<void> {
    this.versions.save(record, state, audit);
  }

  async listVersions(documentId: string): Promise<VersionRecord[]> {
    return this.versions.list(documentId);
  }

  async readVersion(documentId: string, versionId: string): Promise<Uint8Array | null> {
    return this.versions.read(documentId, versionId);
  }

  async probeHealth(): Promise<StorageHealth> {
    try {
      const now = statSync(this.path, { throwIfNoEntry: false });
      if (now === undefined) return { ok: false, reason: `the database file ${this.path} is gone` };
      if (now.dev !== this.identity.dev || now.ino !== this.identity.ino)
        return {
          ok: false,
          reason: `the database file ${this.path} was replaced; restart the server to open the new one`,
        };
      this.statements.writeProbe.run(new Date().toISOString());
      return { ok: true };
    } catch (error) {
      return {
        ok: false,
        reason: `writes to ${this.path} fail: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const current =
    (
      db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as {
        version: number | null;
      }
    ).version ?? 0;
  for (const step of SQLITE_MIGRATIONS) {
    if (step.version <= current) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(step.version);
    })();
  }
}
