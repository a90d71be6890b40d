import type Database from 'better-sqlite3';
import type { JoinLinkRecord } from './document-store.ts';
import type { AuditEntry } from './identity-records.ts';
import type { SqliteIdentity } from './sqlite-identity.ts';

/** Survey links and join links (the projector's QR code and short code) in the SQLite file. */
export class SqliteLinks {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly people: SqliteIdentity,
  ) {
    this.statements = {
      upsertSurveyToken: db.prepare(
        'INSERT INTO survey_tokens (document_id, hash) VALUES (?, ?) ON CONFLICT (document_id) DO UPDATE SET hash = excluded.hash',
      ),
      deleteSurveyToken: db.prepare('DELETE FROM survey_tokens WHERE document_id = ?'),
      findSurveyToken: db.prepare<[string], { document_id: string }>(
        'SELECT document_id FROM survey_tokens WHERE hash = ?',
      ),
      hasSurveyToken: db.prepare<[string], { one: number }>(
        'SELECT 1 AS one FROM survey_tokens WHERE document_id = ?',
      ),
      insertJoinLink: db.prepare(
        'INSERT INTO join_links (hash, document_id, kind, expires_at) VALUES (?, ?, ?, ?)',
      ),
      findJoinLink: db.prepare<
        [string],
        { hash: string; document_id: string; kind: 'token' | 'code'; expires_at: string }
      >('SELECT hash, document_id, kind, expires_at FROM join_links WHERE hash = ?'),
      deleteJoinLinks: db.prepare('DELETE FROM join_links WHERE document_id = ?'),
    };
  }

  replaceSurveyToken(documentId: string, tokenHash: string | null, audit?: AuditEntry): void {
    this.db.transaction(() => {
      if (tokenHash === null) this.statements.deleteSurveyToken.run(documentId);
      else this.statements.upsertSurveyToken.run(documentId, tokenHash);
      this.people.writeAudit(audit);
    })();
  }

  findSurveyDocument(tokenHash: string): string | null {
    return this.statements.findSurveyToken.get(tokenHash)?.document_id ?? null;
  }

  hasSurveyToken(documentId: string): boolean {
    return this.statements.hasSurveyToken.get(documentId) !== undefined;
  }

  addJoinLinks(records: readonly JoinLinkRecord[]): void {
    this.db.transaction(() => {
      for (const record of records)
        this.statements.insertJoinLink.run(
          record.hash,
          record.documentId,
          record.kind,
          record.expiresAt,
        );
    })();
  }

  findJoinLink(hash: string): JoinLinkRecord | null {
    const row = this.statements.findJoinLink.get(hash);
    return row === undefined
      ? null
      : { hash: row.hash, documentId: row.document_id, kind: row.kind, expiresAt: row.expires_at };
  }

  revokeJoinLinks(documentId: string): void {
    this.statements.deleteJoinLinks.run(documentId);
  }
}
