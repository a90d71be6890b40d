import type Database from 'better-sqlite3';
import type { DocumentAppend, StoredDocument } from './document-store.ts';
import { bytes } from './sqlite-bytes.ts';

/** SQLite's code for an insert refused because the row is there already. */
const ROW_EXISTS = 'SQLITE_CONSTRAINT_PRIMARYKEY';

/**
 * A document's update log and compacted snapshot in the SQLite file: reads, appends, compaction.
 *
 * One process serves a SQLite file, so it numbers its own appends: each document's last sequence
 * number, once read, is kept after every commit, and an append reads nothing before inserting (the
 * two reads were half of what a commit cost under the fan-out load). The insert itself checks that
 * the document is not deleted (S18). As a safety net, not a way to share the file: an insert
 * refused by the key (rows some other writer appended) makes that document read and numbered afresh.
 */
export class SqliteUpdateLog {
  private readonly statements;
  /** Each document's last sequence number as of this process's last commit to it. */
  private readonly lastSeqs = new Map<string, number>();
  /** Built once: better-sqlite3's `transaction()` wrapper is costly to create per call. */
  private readonly appendInTransaction: (appends: readonly DocumentAppend[]) => (number | null)[];

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
      // Inserts nothing for a deleted document (S18): the id is bound twice.
      insertUpdate: db.prepare<[string, number, Buffer, string]>(
        'INSERT INTO updates (document_id, seq, data) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM deleted_documents WHERE id = ?)',
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
    this.appendInTransaction = db.transaction((appends: readonly DocumentAppend[]) => {
      const numbered = new Map<string, number>();
      return appends.map(({ documentId, updates }) => {
        const known = numbered.get(documentId) ?? this.lastSeqs.get(documentId);
        const lastSeq = this.insertAfter(documentId, known, updates);
        if (lastSeq !== null) numbered.set(documentId, lastSeq);
        return lastSeq;
      });
    });
  }

  /**
   * Appends each document's updates in one transaction; resolves each with its last sequence
   * number, or null for a deleted document (S18), whose updates are not stored.
   */
  append(appends: readonly DocumentAppend[]): (number | null)[] {
    let lastSeqs: (number | null)[];
    try {
      lastSeqs = this.appendInTransaction(appends);
    } catch (error) {
      // Rolled back: what this process knew of these documents may be ahead of the file now.
      for (const { documentId } of appends) this.lastSeqs.delete(documentId);
      throw error;
    }
    appends.forEach(({ documentId }, i) => {
      const lastSeq = lastSeqs[i];
      if (lastSeq === null || lastSeq === undefined) this.lastSeqs.delete(documentId);
      else this.lastSeqs.set(documentId, lastSeq);
    });
    return lastSeqs;
  }

  /** The document is gone (deleted through this store): its next append reads the file again. */
  forget(id: string): void {
    this.lastSeqs.delete(id);
  }

  /** Inserts `updates` after `known` (read from the file when unknown or refused as stale). */
  private insertAfter(
    documentId: string,
    known: number | undefined,
    updates: readonly Uint8Array[],
  ): number | null {
    if (known !== undefined) {
      try {
        return this.insertFrom(documentId, known, updates);
      } catch (error) {
        if ((error as { code?: unknown }).code !== ROW_EXISTS) throw error;
        // Only the first insert can be refused so (the transaction holds the write lock from it
        // on), and a refused statement leaves the transaction as it was.
      }
    }
    const lastSeq = this.statements.lastSeq.get(documentId, documentId)?.seq ?? 0;
    return this.insertFrom(documentId, lastSeq, updates);
  }

  /** Numbers and inserts `updates` after `lastSeq`; null when the document is deleted (S18). */
  private insertFrom(
    documentId: string,
    lastSeq: number,
    updates: readonly Uint8Array[],
  ): number | null {
    let seq = lastSeq;
    for (const update of updates) {
      const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
      // Only the first can find it deleted: nothing else writes during the transaction.
      if (this.statements.insertUpdate.run(documentId, ++seq, data, documentId).changes === 0)
        return null;
    }
    return seq;
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
