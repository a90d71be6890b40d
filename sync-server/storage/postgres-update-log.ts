import type pg from 'pg';
import type { DocumentAppend, StoredDocument } from './document-store.ts';
import { bytes, toBuffer } from './postgres-pool.ts';

/** A document's update log and compacted snapshot in PostgreSQL: reads, appends, compaction. */

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

export async function readDocument(
  pool: pg.Pool,
  id: string,
  afterSeq: number,
  withSnapshot: boolean,
): Promise<StoredDocument> {
  const { rows } = await pool.query<{
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

/** Numbers and stores the updates; the store runs this inside its own transaction. */
export async function appendUpdates(
  client: pg.PoolClient,
  appends: readonly DocumentAppend[],
): Promise<(number | null)[]> {
  const ids = [...new Set(appends.map((append) => append.documentId))];
  // Rows are locked in id order (the "C" collation, the same in every process), so two nodes
  // whose batches share documents wait for each other instead of deadlocking (S15).
  const { rows } = await client.query<{ id: string; last_seq: string }>({
    name: 'lock-documents',
    text: 'SELECT id, last_seq FROM documents WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR NO KEY UPDATE',
    values: [ids],
  });
  const next = new Map(rows.map((row) => [row.id, Number(row.last_seq)]));
  const documentIds: string[] = [];
  const seqs: number[] = [];
  const data: Buffer[] = [];
  const lastSeqs = appends.map(({ documentId, updates }) => {
    // Deleted (by another node, S18): nothing to store it in, and no reason to fail the others.
    let seq = next.get(documentId);
    if (seq === undefined) return null;
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
    values: [[...next.keys()], [...next.values()]],
  });
  if (data.length > 0) {
    await client.query({
      name: 'insert-updates',
      text: 'INSERT INTO updates (document_id, seq, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])',
      values: [documentIds, seqs, data],
    });
  }
  return lastSeqs;
}

export async function compact(
  client: pg.PoolClient,
  id: string,
  snapshot: Uint8Array,
  throughSeq: number,
): Promise<void> {
  // Only a later snapshot replaces the stored one (S13): two nodes may compact the same document.
  await client.query(
    'UPDATE documents SET snapshot = $2, snapshot_seq = $3 WHERE id = $1 AND snapshot_seq < $3',
    [id, toBuffer(snapshot), throughSeq],
  );
  await client.query('DELETE FROM updates WHERE document_id = $1 AND seq <= $2', [id, throughSeq]);
}

export async function storedBytes(pool: pg.Pool, id: string): Promise<number> {
  const { rows } = await pool.query<{ bytes: string }>(
    'SELECT COALESCE((SELECT octet_length(snapshot) FROM documents WHERE id = $1), 0) + COALESCE((SELECT SUM(octet_length(data)) FROM updates WHERE document_id = $1), 0) AS bytes',
    [id],
  );
  return Number(rows[0]?.bytes ?? 0);
}
