import pg from 'pg';
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
import { PostgresIdentity, writeAudit } from './postgres-identity.ts';
import { inTransaction, migrate, toBuffer } from './postgres-pool.ts';
import { insertVersion, listVersions, readVersion } from './postgres-versions.ts';
import {
  addJoinLinks,
  findJoinLink,
  findSurveyDocument,
  hasSurveyToken,
  replaceSurveyToken,
  revokeJoinLinks,
} from './postgres-links.ts';
import { toDocument, type DocumentRow } from './document-row.ts';
import { IdentityDelegation } from './identity-delegation.ts';
import { insertWorkspace, getWorkspace, findAccess, replaceToken } from './postgres-workspaces.ts';
import { deleteDocument, findDeletedDocument } from './postgres-deletion.ts';
import { appendUpdates, compact, readDocument, storedBytes } from './postgres-update-log.ts';

export interface PostgresStoreOptions {
  /** Connections kept open at most; every node holds its own pool. */
  readonly maxConnections?: number;
  /** An idle connection failed (the server restarted); the pool replaces it. For the log. */
  readonly onConnectionError?: (error: Error) => void;
}

/**
 * The store for several relay nodes: every update, snapshot, version, workspace and token in one
 * PostgreSQL database shared by the nodes, so any node serves any document and every REST route.
 *
 * Concurrency, which SQLite never faced: an append locks its documents' rows (`FOR NO KEY UPDATE`,
 * in id order, so two nodes appending to overlapping documents never deadlock) and numbers the
 * updates from `last_seq` on that row. The lock is held until commit, so numbers have no gaps and
 * follow commit order across processes (S12); a rolled-back append gives its numbers back.
 */
export class PostgresDocumentStore extends IdentityDelegation implements DocumentStore {
  private closing: Promise<void> | null = null;

  /** Accounts, sessions, members and the audit log; its methods are this store's too. */
  protected readonly people: PostgresIdentity;

  private constructor(private readonly pool: pg.Pool) {
    super();
    this.people = new PostgresIdentity(pool, (work) => this.transaction(work));
  }

  /** Connects, migrates the schema (S15) and resolves with the store. */
  static async open(
    connectionString: string,
    options: PostgresStoreOptions = {},
  ): Promise<PostgresDocumentStore> {
    const pool = new pg.Pool({
      connectionString,
      max: options.maxConnections ?? 10,
      // A server that is down fails calls within seconds (rooms then close with 1011) rather than hanging them.
      connectionTimeoutMillis: 5_000,
    });
    pool.on('error', (error) => options.onConnectionError?.(error));
    const store = new PostgresDocumentStore(pool);
    try {
      await migrate(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }

  createWorkspace(
    workspace: WorkspaceRecord,
    tokenHashes: Readonly<Record<Role, string>>,
    audit?: AuditEntry,
    owner?: WorkspaceOwner,
  ): Promise<void> {
    return this.transaction((client) =>
      insertWorkspace(client, workspace, tokenHashes, audit, owner),
    );
  }

  getWorkspace(id: string): Promise<WorkspaceRecord | null> {
    return getWorkspace(this.pool, id);
  }

  findAccess(tokenHash: string): Promise<Access | null> {
    return findAccess(this.pool, tokenHash);
  }

  replaceToken(
    workspaceId: string,
    role: Role,
    tokenHash: string,
    audit?: AuditEntry,
  ): Promise<void> {
    return this.transaction((client) => replaceToken(client, workspaceId, role, tokenHash, audit));
  }

  async createDocument(
    record: DocumentRecord,
    initialState: Uint8Array,
    audit?: AuditEntry,
  ): Promise<void> {
    await this.transaction(async (client) => {
      await this.insertDocument(client, record, initialState);
      await writeAudit(client, audit);
    });
  }

  private async insertDocument(
    client: pg.PoolClient,
    record: DocumentRecord,
    initialState: Uint8Array,
  ): Promise<void> {
    await client.query(
      'INSERT INTO documents (id, workspace_id, title, template, created_at, updated_at, snapshot) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [
        record.id,
        record.workspaceId,
        record.title,
        record.template,
        record.createdAt,
        record.updatedAt,
        toBuffer(initialState),
      ],
    );
  }

  async getDocument(id: string): Promise<DocumentRecord | null> {
    const { rows } = await this.pool.query<DocumentRow>({
      name: 'get-document',
      text: 'SELECT id, workspace_id, title, template, created_at, updated_at FROM documents WHERE id = $1',
      values: [id],
    });
    return rows[0] === undefined ? null : toDocument(rows[0]);
  }

  async listDocuments(workspaceId: string): Promise<DocumentRecord[]> {
    const { rows } = await this.pool.query<DocumentRow>(
      'SELECT id, workspace_id, title, template, created_at, updated_at FROM documents WHERE workspace_id = $1 ORDER BY updated_at COLLATE "C" DESC, id COLLATE "C"',
      [workspaceId],
    );
    return rows.map(toDocument);
  }

  async updateDocumentSummary(
    id: string,
    summary: { readonly title: string; readonly updatedAt: string },
  ): Promise<void> {
    await this.pool.query({
      name: 'update-summary',
      text: 'UPDATE documents SET title = $1, updated_at = $2 WHERE id = $3',
      values: [summary.title, summary.updatedAt, id],
    });
  }

  deleteDocument(id: string, deletedAt: string, audit?: AuditEntry): Promise<boolean> {
    return this.transaction((client) => deleteDocument(client, id, deletedAt, audit));
  }

  findDeletedDocument(id: string): Promise<DeletedDocument | null> {
    return findDeletedDocument(this.pool, id);
  }

  async loadDocument(id: string): Promise<StoredDocument> {
    return readDocument(this.pool, id, 0, true);
  }

  async readUpdatesAfter(id: string, afterSeq: number): Promise<StoredDocument> {
    return readDocument(this.pool, id, afterSeq, false);
  }

  async appendUpdates(appends: readonly DocumentAppend[]): Promise<(number | null)[]> {
    if (appends.length === 0) return [];
    return this.transaction((client) => appendUpdates(client, appends));
  }

  compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    return this.transaction((client) => compact(client, id, snapshot, throughSeq));
  }

  storedBytes(id: string): Promise<number> {
    return storedBytes(this.pool, id);
  }

  replaceSurveyToken(
    documentId: string,
    tokenHash: string | null,
    audit?: AuditEntry,
  ): Promise<void> {
    return this.transaction((client) => replaceSurveyToken(client, documentId, tokenHash, audit));
  }

  findSurveyDocument(tokenHash: string): Promise<string | null> {
    return findSurveyDocument(this.pool, tokenHash);
  }

  hasSurveyToken(documentId: string): Promise<boolean> {
    return hasSurveyToken(this.pool, documentId);
  }

  addJoinLinks(records: readonly JoinLinkRecord[]): Promise<void> {
    return addJoinLinks(this.pool, records);
  }

  findJoinLink(hash: string): Promise<JoinLinkRecord | null> {
    return findJoinLink(this.pool, hash);
  }

  revokeJoinLinks(documentId: string): Promise<void> {
    return revokeJoinLinks(this.pool, documentId);
  }

  async saveVersion(
    record: VersionRecord,
    state: Uint8Array,
    audit?: readonly AuditEntry[],
  ): Promise<void> {
    await this.transaction(async (client) => {
      // A version stored already was recorded already (S16): two nodes saving one session log it once.
      if (await insertVersion(client, record, state)) await writeAudit(client, audit);
    });
  }

  listVersions(documentId: string): Promise<VersionRecord[]> {
    return listVersions(this.pool, documentId);
  }

  readVersion(documentId: string, versionId: string): Promise<Uint8Array | null> {
    return readVersion(this.pool, documentId, versionId);
  }

  async probeHealth(): Promise<StorageHealth> {
    try {
      // A write, not a SELECT 1: a server that has turned read-only (a full disk, a standby after
      // failover) still answers reads. The row is shared by every node; the update is tiny.
      await this.pool.query({
        name: 'probe-health',
        text: 'UPDATE health_probe SET checked_at = $1 WHERE id = 1',
        values: [new Date().toISOString()],
      });
      return { ok: true };
    } catch (error) {
      return {
        ok: false,
        reason: `writes to PostgreSQL fail: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  async close(): Promise<void> {
    await (this.closing ??= this.pool.end());
  }
}
