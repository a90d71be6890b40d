import type pg from 'pg';
import type { JoinLinkRecord } from './document-store.ts';
import type { AuditEntry } from './identity-records.ts';
import { writeAudit } from './postgres-identity.ts';

/** Survey links and join links (the projector's QR code and short code) in PostgreSQL. */

export async function replaceSurveyToken(
  client: pg.PoolClient,
  documentId: string,
  tokenHash: string | null,
  audit?: AuditEntry,
): Promise<void> {
  if (tokenHash === null)
    await client.query('DELETE FROM survey_tokens WHERE document_id = $1', [documentId]);
  else
    await client.query(
      'INSERT INTO survey_tokens (document_id, hash) VALUES ($1, $2) ON CONFLICT (document_id) DO UPDATE SET hash = excluded.hash',
      [documentId, tokenHash],
    );
  await writeAudit(client, audit);
}

export async function findSurveyDocument(pool: pg.Pool, tokenHash: string): Promise<string | null> {
  const { rows } = await pool.query<{ document_id: string }>({
    name: 'find-survey-token',
    text: 'SELECT document_id FROM survey_tokens WHERE hash = $1',
    values: [tokenHash],
  });
  return rows[0]?.document_id ?? null;
}

export async function hasSurveyToken(pool: pg.Pool, documentId: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM survey_tokens WHERE document_id = $1', [
    documentId,
  ]);
  return (rowCount ?? 0) > 0;
}

export async function addJoinLinks(
  pool: pg.Pool,
  records: readonly JoinLinkRecord[],
): Promise<void> {
  if (records.length === 0) return;
  // One statement: a token and its code are stored together or not at all.
  await pool.query(
    'INSERT INTO join_links (hash, document_id, kind, expires_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])',
    [
      records.map((record) => record.hash),
      records.map((record) => record.documentId),
      records.map((record) => record.kind),
      records.map((record) => record.expiresAt),
    ],
  );
}

export async function findJoinLink(pool: pg.Pool, hash: string): Promise<JoinLinkRecord | null> {
  const { rows } = await pool.query<{
    hash: string;
    document_id: string;
    kind: 'token' | 'code';
    expires_at: string;
  }>({
    name: 'find-join-link',
    text: 'SELECT hash, document_id, kind, expires_at FROM join_links WHERE hash = $1',
    values: [hash],
  });
  const row = rows[0];
  return row === undefined
    ? null
    : { hash: row.hash, documentId: row.document_id, kind: row.kind, expiresAt: row.expires_at };
}

export async function revokeJoinLinks(pool: pg.Pool, documentId: string): Promise<void> {
  await pool.query('DELETE FROM join_links WHERE document_id = $1', [documentId]);
}
