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
import { bytes, inTransaction, migrate, toBuffer } from './postgres-pool.ts';
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

/**
 * The snapshot row first (seq -1), then the log after `$2`, in one statement, so it sees one
 * state of the database: a compaction cannot slip between the snapshot and the log. The snapshot
 * comes when `$3` (a full load) or when it holds updates after `$2` (S14).
 */
const READ_SQL = `
  SELECT -1::bigint AS seq, CASE WHEN $3 OR snapshot_seq > $2 THEN snapshot END AS data, last_seq
    FROM documents WHERE id = $1
  UNION ALL
  SELECT seq, data, NULL FROM updates WHERE document_id = $1 AND seq > $2
  ORDER BY seq`;

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

  async createWorkspace(
    workspace: WorkspaceRecord,
    tokenHashes: Readonly<Record<Role, string>>,
    audit?: AuditEntry,
    owner?: WorkspaceOwner,
  ): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)', [
        workspace.id,
        workspace.name,
        workspace.createdAt,
      ]);
      const entries = Object.entries(tokenHashes);
      await client.query(
        'INSERT INTO tokens (hash, workspace_id, role) SELECT hash, $1, role FROM unnest($2::text[], $3::text[]) AS t (hash, role)',
        [workspace.id, entries.map(([, hash]) => hash), entries.map(([role]) => role)],
      );
      if (owner !== undefined) {
        await client.query(
          "INSERT INTO members (id, workspace_id, email, account_id, role, invited_at) VALUES ($1, $2, $3, $4, 'owner', $5)",
          [owner.memberId, workspace.id, owner.email, owner.accountId, workspace.createdAt],
        );
      }
      await writeAudit(client, audit);
    });
  }

  async getWorkspace(id: string): Promise<WorkspaceRecord | null> {
    const { rows } = await this.pool.query<{
      id: string;
      name: string;
      created_at: string;
      sign_in_required: boolean;
    }>({
      name: 'get-workspace',
      text: 'SELECT id, name, created_at, sign_in_required FROM workspaces WHERE id = $1',
      values: [id],
    });
    const row = rows[0];
    return row === undefined
      ? null
      : {
          id: row.id,
          name: row.name,
          createdAt: row.created_at,
          signInRequired: row.sign_in_required,
        };
  }

  async findAccess(tokenHash: string): Promise<Access | null> {
    const { rows } = await this.pool.query<{ workspace_id: string; role: Role }>({
      name: 'find-token',
      text: 'SELECT workspace_id, role FROM tokens WHERE hash = $1',
      values: [tokenHash],
    });
    const row = rows[0];
    return row === undefined ? null : { workspaceId: row.workspace_id, role: row.role };
  }

  async replaceToken(
    workspaceId: string,
    role: Role,
    tokenHash: string,
    audit?: AuditEntry,
  ): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM tokens WHERE workspace_id = $1 AND role = $2', [
        workspaceId,
        role,
      ]);
      await client.query('INSERT INTO tokens (hash, workspace_id, role) VALUES ($1, $2, $3)', [
        tokenHash,
        workspaceId,
        role,
      ]);
      await writeAudit(client, audit);
    });
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

  async deleteDocument(id: string, deletedAt: string, audit?: AuditEntry): Promise<boolean> {
    return this.transaction(async (client) => {
      // Locked first, as an append locks it, so no append commits into a document being deleted.
      const { rows } = await client.query<{ workspace_id: string }>(
        'SELECT workspace_id FROM documents WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (rows[0] === undefined) return false;
      for (const table of ['join_links', 'survey_tokens', 'versions', 'updates'])
        await client.query(`DELETE FROM ${table} WHERE document_id = $1`, [id]);
      await client.query('DELETE FROM documents WHERE id = $1', [id]);
      await client.query(
        'INSERT INTO deleted_documents (id, workspace_id, deleted_at) VALUES ($1, $2, $3)',
        [id, rows[0].workspace_id, deletedAt],
      );
      await writeAudit(client, audit);
      return true;
    });
  }

  async findDeletedDocument(id: string): Promise<DeletedDocument | null> {
    const { rows } = await this.pool.query<{
      id: string;
      workspace_id: string;
      deleted_at: string;
    }>('SELECT id, workspace_id, deleted_at FROM deleted_documents WHERE id = $1', [id]);
    return rows[0] === undefined
      ? null
      : { id: rows[0].id, workspaceId: rows[0].workspace_id, deletedAt: rows[0].deleted_at };
  }

  async loadDocument(id: string): Promise<StoredDocument> {
    return this.read(id, 0, true);
  }

  async readUpdatesAfter(id: string, afterSeq: number): Promise<StoredDocument> {
    return this.read(id, afterSeq, false);
  }

  private async read(id: string, afterSeq: number, withSnapshot: boolean): Promise<StoredDocument> {
    const { rows } = await this.pool.query<{
      seq: string;
      data: Buffer | null;
      last_seq: string | null;
    }>({
      name: 'read-document',
      text: READ_SQL,
      values: [id, afterSeq, withSnapshot],
    });
    const [head, ...log] = rows;
    if (head === undefined || head.seq !== '-1') return { snapshot: null, updates: [], lastSeq: 0 };
    return {
      snapshot: head.data === null ? null : bytes(head.data),
      updates: log.map((row) => bytes(row.data!)),
      lastSeq: Number(head.last_seq),
    };
  }

  async appendUpdates(appends: readonly DocumentAppend[]): Promise<number[]> {
    if (appends.length === 0) return [];
    const ids = [...new Set(appends.map((append) => append.documentId))];
    return this.transaction(async (client) => {
      // Rows are locked in id order (the "C" collation, the same in every process), so two nodes
      // whose batches share documents wait for each other instead of deadlocking (S15).
      const { rows } = await client.query<{ id: string; last_seq: string }>({
        name: 'lock-documents',
        text: 'SELECT id, last_seq FROM documents WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR NO KEY UPDATE',
        values: [ids],
      });
      const next = new Map(rows.map((row) => [row.id, Number(row.last_seq)]));
      const unknown = ids.filter((id) => !next.has(id));
      if (unknown.length > 0)
        throw new Error(`cannot append to unknown documents: ${unknown.join(', ')}`);
      const documentIds: string[] = [];
      const seqs: number[] = [];
      const data: Buffer[] = [];
      const lastSeqs = appends.map(({ documentId, updates }) => {
        let seq = next.get(documentId)!;
        for (const update of updates) {
          documentIds.push(documentId);
          seqs.push(++seq);
          // Copies: the caller may reuse its buffers once this resolves, and pg encodes them as it sends.
          data.push(Buffer.from(update));
        }
        next.set(documentId, seq);
        return seq;
      });
      await client.query({
        name: 'advance-seq',
        text: 'UPDATE documents AS d SET last_seq = v.last_seq FROM unnest($1::text[], $2::bigint[]) AS v (id, last_seq) WHERE d.id = v.id',
        values: [ids, ids.map((id) => next.get(id)!)],
      });
      if (data.length > 0) {
        await client.query({
          name: 'insert-updates',
          text: 'INSERT INTO updates (document_id, seq, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])',
          values: [documentIds, seqs, data],
        });
      }
      return lastSeqs;
    });
  }

  async compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    await this.transaction(async (client) => {
      // Only a later snapshot replaces the stored one (S13): two nodes may compact the same document.
      await client.query(
        'UPDATE documents SET snapshot = $2, snapshot_seq = $3 WHERE id = $1 AND snapshot_seq < $3',
        [id, toBuffer(snapshot), throughSeq],
      );
      await client.query('DELETE FROM updates WHERE document_id = $1 AND seq <= $2', [
        id,
        throughSeq,
      ]);
    });
  }

  async storedBytes(id: string): Promise<number> {
    const { rows } = await this.pool.query<{ bytes: string }>(
      'SELECT COALESCE((SELECT octet_length(snapshot) FROM documents WHERE id = $1), 0) + COALESCE((SELECT SUM(octet_length(data)) FROM updates WHERE document_id = $1), 0) AS bytes',
      [id],
    );
    return Number(rows[0]?.bytes ?? 0);
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
