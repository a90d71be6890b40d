import type Database from 'better-sqlite3';
import type { DeletedDocument } from './document-store.ts';
import type { DocumentRow } from './document-row.ts';
import type { AuditEntry } from './identity-records.ts';
import type { SqliteIdentity } from './sqlite-identity.ts';

/** Deleting a document with every row that names it, leaving a tombstone behind, in SQLite. */
export class SqliteDeletion {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly people: SqliteIdentity,
  ) {
    this.statements = {
      getDocument: db.prepare<[string], DocumentRow>(
        'SELECT id, workspace_id, title, template, created_at, updated_at FROM documents WHERE id = ?',
      ),
      deleteDocumentRows: ['join_links', 'survey_tokens', 'versions', 'updates'].map((table) =>
        db.prepare(`DELETE FROM ${table} WHERE document_id = ?`),
      ),
      deleteDocument: db.prepare('DELETE FROM documents WHERE id = ?'),
      insertDeleted: db.prepare(
        'INSERT INTO deleted_documents (id, workspace_id, deleted_at) VALUES (?, ?, ?)',
      ),
      findDeleted: db.prepare<[string], { id: string; workspace_id: string; deleted_at: string }>(
        'SELECT id, workspace_id, deleted_at FROM deleted_documents WHERE id = ?',
      ),
    };
  }

  delete(id: string, deletedAt: string, audit?: AuditEntry): boolean {
    return this.db.transaction((): boolean => {
      const document = this.statements.getDocument.get(id);
      if (document === undefined) return false;
      for (const statement of this.statements.deleteDocumentRows) statement.run(id);
      this.statements.deleteDocument.run(id);
      this.statements.insertDeleted.run(id, document.workspace_id, deletedAt);
      this.people.writeAudit(audit);
      return true;
    })();
  }

  findDeleted(id: string): DeletedDocument | null {
    const row = this.statements.findDeleted.get(id);
    return row === undefined
      ? null
      : { id: row.id, workspaceId: row.workspace_id, deletedAt: row.deleted_at };
  }
}
