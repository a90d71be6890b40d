import type Database from 'better-sqlite3';
import type { DocumentAppend, StoredDocument } from './document-store.ts';
import { bytes } from './sqlite-bytes.ts';

/** A document's update log and compacted snapshot in the SQLite file: reads, appends, compaction. */
export class SqliteUpdateLog {
  private readonly statements;
  /** Built once: better-sqlite3's `transaction()` wrapper is costly to create per call. */
  readonly append: (appends: readonly DocumentAppend[]) => (number | null)[];

  constructor(private readonly db: Database.Database) {
    this.statements = {
      getSnapshot: db.prepare<[string], { snapshot: Buffer | null; snapshot_seq: number }>(
        'SELECT snapshot, snapshot_seq FROM documents WHERE id = ?',
      ),
      listUpdatesAfter: db.prepare<[string, number], { seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE document_id = ? AND seq > ? ORDER BY seq',
      ),
      // The log may be empty after a compaction; numbering goes on from the snapshot's (S12).
      lastSeq: db.prepare<[string, string], { seq: number | null }>(
        'SELECT MAX(COALESCE((SELECT MAX(seq) FROM updates WHERE document_id = ?), 0), COALESCE((SELECT snapshot_seq FROM documents WHERE id = ?), 0)) AS seq',
      ),
      insertUpdate: db.prepare('INSERT INTO updates (document_id, seq, data) VALUES (?, ?, ?)'),
      isDeleted: db.prepare<[string], { deleted: 1 }>(
        'SELECT 1 AS deleted FROM deleted_documents WHERE id = ?',
      ),
      // Only a later snapshot replaces the stored one (S13).
      setSnapshot: db.prepare(
        'UPDATE documents SET snapshot = ?, snapshot_seq = ? WHERE id = ? AND snapshot_seq < ?',
      ),
      deleteUpdatesThrough: db.prepare('DELETE FROM updates WHERE document_id = ? AND seq <= ?'),
      storedBytes: db.prepare<[string, string], { bytes: number | null }>(
        'SELECT COALESCE((SELECT LENGTH(snapshot) FROM documents WHERE id = ?), 0) + COALESCE((SELECT SUM(LENGTH(data)) FROM updates WHERE document_id = ?), 0) AS bytes',
      ),
    };
    const { lastSeq, insertUpdate, isDeleted } = this.statements;
    this.append = db.transaction((appends: readonly DocumentAppend[]): (number | null)[] =>
      appends.map(({ documentId, updates }) => {
        if (isDeleted.get(documentId) !== undefined) return null; // S18
        let seq = lastSeq.get(documentId, documentId)?.seq ?? 0;
        for (const update of updates)
          insertUpdate.run(
            documentId,
            ++seq,
            Buffer.from(update.buffer, update.byteOffset, update.byteLength),
          );
        return seq;
      }),
    );
  }

  /** The snapshot (always when `afterSeq` is null) and the log after `afterSeq`. */
  read(id: string, afterSeq: number | null): StoredDocument {
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

  compact(id: string, snapshot: Uint8Array, throughSeq: number): void {
    this.db.transaction(() => {
      this.statements.setSnapshot.run(
        Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength),
        throughSeq,
        id,
        throughSeq,
      );
      this.statements.deleteUpdatesThrough.run(id, throughSeq);
    })();
  }

  storedBytes(id: string): number {
    return this.statements.storedBytes.get(id, id)?.bytes ?? 0;
  }
}
