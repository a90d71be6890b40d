import type pg from 'pg';
import type { DeletedDocument } from './document-store.ts';
import type { AuditEntry } from './identity-records.ts';
import { writeAudit } from './postgres-identity.ts';

/** Deleting a document with every row that names it, leaving a tombstone behind, in PostgreSQL. */

/** False when there is no such document; the store runs this inside its own transaction. */
export async function deleteDocument(
  client: pg.PoolClient,
  id: string,
  deletedAt: string,
  audit?: AuditEntry,
): Promise<boolean> {
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
}

export async function findDeletedDocument(
  pool: pg.Pool,
  id: string,
): Promise<DeletedDocument | null> {
  const { rows } = await pool.query<{
    id: string;
    workspace_id: string;
    deleted_at: string;
  }>('SELECT id, workspace_id, deleted_at FROM deleted_documents WHERE id = $1', [id]);
  return rows[0] === undefined
    ? null
    : { id: rows[0].id, workspaceId: rows[0].workspace_id, deletedAt: rows[0].deleted_at };
}
