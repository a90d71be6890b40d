import type pg from 'pg';
import type { VersionRecord } from './document-store.ts';
import { bytes, toBuffer } from './postgres-pool.ts';

/** A document's named snapshots in PostgreSQL; the store runs these inside its own transactions. */

interface VersionRow {
  id: string;
  document_id: string;
  label: string;
  auto: boolean;
  created_at: string;
}

const toVersion = (row: VersionRow): VersionRecord => ({
  id: row.id,
  documentId: row.document_id,
  label: row.label,
  auto: row.auto,
  createdAt: row.created_at,
});

/** True when the version was stored; false when one with its id was there already (S16). */
export async function insertVersion(
  client: pg.PoolClient,
  record: VersionRecord,
  state: Uint8Array,
): Promise<boolean> {
  const result = await client.query(
    'INSERT INTO versions (id, document_id, label, auto, created_at, state) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
    [record.id, record.documentId, record.label, record.auto, record.createdAt, toBuffer(state)],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function listVersions(pool: pg.Pool, documentId: string): Promise<VersionRecord[]> {
  const { rows } = await pool.query<VersionRow>(
    'SELECT id, document_id, label, auto, created_at FROM versions WHERE document_id = $1 ORDER BY created_at COLLATE "C" DESC, position DESC',
    [documentId],
  );
  return rows.map(toVersion);
}

export async function readVersion(
  pool: pg.Pool,
  documentId: string,
  versionId: string,
): Promise<Uint8Array | null> {
  const { rows } = await pool.query<{ state: Buffer }>(
    'SELECT state FROM versions WHERE document_id = $1 AND id = $2',
    [documentId, versionId],
  );
  return rows[0] === undefined ? null : bytes(rows[0].state);
}
