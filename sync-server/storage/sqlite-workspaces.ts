import type Database from 'better-sqlite3';
import type { Access, Role, WorkspaceOwner, WorkspaceRecord } from './document-store.ts';
import type { SqliteIdentity } from './sqlite-identity.ts';
import type { AuditEntry } from './identity-records.ts';

/** Workspaces and their role tokens in the SQLite file, each write with its audit entry. */
export class SqliteWorkspaces {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly people: SqliteIdentity,
  ) {
    this.statements = {
      insertWorkspace: db.prepare('INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)'),
      getWorkspace: db.prepare<
        [string],
        { id: string; name: string; created_at: string; sign_in_required: number }
      >('SELECT id, name, created_at, sign_in_required FROM workspaces WHERE id = ?'),
      insertOwner: db.prepare(
        "INSERT INTO members (id, workspace_id, email, account_id, role, invited_at) VALUES (?, ?, ?, ?, 'owner', ?)",
      ),
      insertToken: db.prepare('INSERT INTO tokens (hash, workspace_id, role) VALUES (?, ?, ?)'),
      findToken: db.prepare<[string], { workspace_id: string; role: Role }>(
        'SELECT workspace_id, role FROM tokens WHERE hash = ?',
      ),
      deleteToken: db.prepare('DELETE FROM tokens WHERE workspace_id = ? AND role = ?'),
    };
  }

  create(
    workspace: WorkspaceRecord,
    tokenHashes: Readonly<Record<Role, string>>,
    audit?: AuditEntry,
    owner?: WorkspaceOwner,
  ): void {
    this.db.transaction(() => {
      this.statements.insertWorkspace.run(workspace.id, workspace.name, workspace.createdAt);
      for (const [role, hash] of Object.entries(tokenHashes))
        this.statements.insertToken.run(hash, workspace.id, role);
      if (owner !== undefined)
        this.statements.insertOwner.run(
          owner.memberId,
          workspace.id,
          owner.email,
          owner.accountId,
          workspace.createdAt,
        );
      this.people.writeAudit(audit);
    })();
  }

  get(id: string): WorkspaceRecord | null {
    const row = this.statements.getWorkspace.get(id);
    return row === undefined
      ? null
      : {
          id: row.id,
          name: row.name,
          createdAt: row.created_at,
          signInRequired: row.sign_in_required === 1,
        };
  }

  findAccess(tokenHash: string): Access | null {
    const row = this.statements.findToken.get(tokenHash);
    return row === undefined ? null : { workspaceId: row.workspace_id, role: row.role };
  }

  replaceToken(workspaceId: string, role: Role, tokenHash: string, audit?: AuditEntry): void {
    this.db.transaction(() => {
      this.statements.deleteToken.run(workspaceId, role);
      this.statements.insertToken.run(tokenHash, workspaceId, role);
      this.people.writeAudit(audit);
    })();
  }
}
