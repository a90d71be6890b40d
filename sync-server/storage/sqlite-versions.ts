import type Database from 'better-sqlite3';
import type { VersionRecord } from './document-store.ts';
import type { AuditEntry } from './identity-records.ts';
import { bytes } from './sqlite-bytes.ts';
import type { SqliteIdentity } from './sqlite-identity.ts';

/** A document's named snapshots in the SQLite file. */

interface VersionRow {
  id: string;
  document_id: string;
  label: string;
  auto: number;
  created_at: string;
}

const toVersion = (row: VersionRow): VersionRecord => ({
  id: row.id,
  documentId: row.document_id,
  label: row.label,
  auto: row.auto === 1,
  createdAt: row.created_at,
});

export class SqliteVersions {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly people: SqliteIdentity,
  ) {
    this.statements = {
      insertVersion: db.prepare(
        'INSERT INTO versions (id, document_id, label, auto, created_at, state) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      ),
      listVersions: db.prepare<[string], VersionRow>(
        'SELECT id, document_id, label, auto, created_at FROM versions WHERE document_id = ? ORDER BY created_at DESC, rowid DESC',
      ),
      readVersion: db.prepare<[string, string], { state: Buffer }>(
        'SELECT state FROM versions WHERE document_id = ? AND id = ?',
      ),
    };
  }

  save(record: VersionRecord, state: Uint8Array, audit?: readonly AuditEntry[]): void {
    this.db.transaction(() => {
      const inserted = this.statements.insertVersion.run(
        record.id,
        record.documentId,
        record.label,
        record.auto ? 1 : 0,
        record.createdAt,
        Buffer.from(state),
      );
      // A version stored already was recorded already (S16): two nodes saving one session log it once.
      if (inserted.changes > 0) this.people.writeAudit(audit);
    })();
  }

  list(documentId: string): VersionRecord[] {
    return this.statements.listVersions.all(documentId).map(toVersion);
  }

  read(documentId: string, versionId: string): Uint8Array | null {
    const row = this.statements.readVersion.get(documentId, versionId);
    return row === undefined ? null : bytes(row.state);
  }
}
