import type Database from 'better-sqlite3';
import type { Role } from './document-store.ts';
import type {
  AccountRecord,
  AuditEntry,
  AuditEvent,
  AuditQuery,
  IdentityStore,
  MemberRecord,
  SessionRecord,
  SignIn,
} from './identity-records.ts';
import { signInEvents } from './sign-in-events.ts';
import { AUDIT_COLUMNS, auditValues, toAuditEvent, type AuditRow } from './audit-row.ts';

interface AccountRow {
  id: string;
  issuer: string;
  subject: string;
  email: string;
  name: string;
}

export interface MemberRow {
  id: string;
  workspace_id: string;
  email: string;
  role: Role;
  invited_at: string;
  account_id: string | null;
  account_name: string | null;
  last_active_at: string | null;
}

const toAccount = (row: AccountRow): AccountRecord => ({
  id: row.id,
  issuer: row.issuer,
  subject: row.subject,
  email: row.email,
  name: row.name,
});

export const toMember = (row: MemberRow): MemberRecord => ({
  id: row.id,
  workspaceId: row.workspace_id,
  email: row.email,
  role: row.role,
  account: row.account_id === null ? null : { id: row.account_id, name: row.account_name ?? '' },
  invitedAt: row.invited_at,
  lastActiveAt: row.last_active_at,
});

const MEMBER_SELECT = `SELECT m.id, m.workspace_id, m.email, m.role, m.invited_at, m.account_id, a.name AS account_name, a.last_active_at
  FROM members m LEFT JOIN accounts a ON a.id = m.account_id`;

/**
 * Accounts, sessions, members and the audit log in the SQLite file. `writeAudit` is synchronous so
 * the document store can call it inside its own transactions, with the change the event records.
 */
export class SqliteIdentity implements IdentityStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertAudit: db.prepare(
        `INSERT INTO audit_events (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      listAudit: db.prepare<[string, string, string, number, number], AuditRow>(
        'SELECT * FROM audit_events WHERE workspace_id = ? AND at >= ? AND at < ? AND id > ? ORDER BY id LIMIT ?',
      ),
      findAccount: db.prepare<[string, string], AccountRow>(
        'SELECT id, issuer, subject, email, name FROM accounts WHERE issuer = ? AND subject = ?',
      ),
      insertAccount: db.prepare(
        'INSERT INTO accounts (id, issuer, subject, email, name, last_active_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      updateAccount: db.prepare(
        'UPDATE accounts SET email = ?, name = ?, last_active_at = ? WHERE id = ?',
      ),
      touchAccount: db.prepare('UPDATE accounts SET last_active_at = ? WHERE id = ?'),
      // An invitation to the email becomes a membership, unless the account is a member there already.
      acceptInvitations: db.prepare(
        'UPDATE members SET account_id = ? WHERE email = ? AND account_id IS NULL AND workspace_id NOT IN (SELECT workspace_id FROM members WHERE account_id = ?)',
      ),
      insertSession: db.prepare(
        'INSERT INTO sessions (hash, account_id, expires_at) VALUES (?, ?, ?)',
      ),
      findSession: db.prepare<[string], AccountRow & { expires_at: string }>(
        'SELECT a.id, a.issuer, a.subject, a.email, a.name, s.expires_at FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.hash = ?',
      ),
      deleteSession: db.prepare('DELETE FROM sessions WHERE hash = ?'),
      accountWorkspaces: db.prepare<[string], { workspace_id: string; name: string; role: Role }>(
        'SELECT m.workspace_id, w.name, m.role FROM members m JOIN workspaces w ON w.id = m.workspace_id WHERE m.account_id = ? ORDER BY w.name, w.id',
      ),
      listMembers: db.prepare<[string], MemberRow>(
        `${MEMBER_SELECT} WHERE m.workspace_id = ? ORDER BY m.email`,
      ),
      getMember: db.prepare<[string, string], MemberRow>(
        `${MEMBER_SELECT} WHERE m.workspace_id = ? AND m.id = ?`,
      ),
      findMemberByEmail: db.prepare<[string, string, string], { id: string }>(
        'SELECT id FROM members WHERE workspace_id = ? AND (email = ? OR account_id IN (SELECT id FROM accounts WHERE email = ?))',
      ),
      workspacesOfEmail: db.prepare<[string], { workspace_id: string }>(
        'SELECT DISTINCT workspace_id FROM members WHERE email = ? ORDER BY workspace_id',
      ),
      memberRole: db.prepare<[string, string], { role: Role }>(
        'SELECT role FROM members WHERE workspace_id = ? AND account_id = ?',
      ),
      insertMember: db.prepare(
        'INSERT INTO members (id, workspace_id, email, account_id, role, invited_at) VALUES (?, ?, ?, (SELECT id FROM accounts WHERE email = ? ORDER BY id LIMIT 1), ?, ?)',
      ),
      updateMemberRole: db.prepare('UPDATE members SET role = ? WHERE id = ?'),
      deleteMember: db.prepare('DELETE FROM members WHERE id = ?'),
      setSignInRequired: db.prepare('UPDATE workspaces SET sign_in_required = ? WHERE id = ?'),
    };
  }

  writeAudit(entries: readonly AuditEntry[] | AuditEntry | undefined): void {
    if (entries === undefined) return;
    for (const entry of Array.isArray(entries)
      ? (entries as readonly AuditEntry[])
      : [entries as AuditEntry])
      this.statements.insertAudit.run(...auditValues(entry));
  }

  async signIn(signIn: SignIn): Promise<{ account: AccountRecord; workspaceIds: string[] }> {
    const s = this.statements;
    return this.db.transaction(() => {
      const existing = s.findAccount.get(signIn.issuer, signIn.subject);
      const id = existing?.id ?? signIn.accountId;
      if (existing === undefined)
        s.insertAccount.run(
          id,
          signIn.issuer,
          signIn.subject,
          signIn.email,
          signIn.name,
          signIn.at,
        );
      else s.updateAccount.run(signIn.email, signIn.name, signIn.at, id);
      s.acceptInvitations.run(id, signIn.email, id);
      s.insertSession.run(signIn.sessionHash, id, signIn.sessionExpiresAt);
      const workspaceIds = s.accountWorkspaces.all(id).map((row) => row.workspace_id);
      const account: AccountRecord = {
        id,
        issuer: signIn.issuer,
        subject: signIn.subject,
        email: signIn.email,
        name: signIn.name,
      };
      this.writeAudit(signInEvents(account, workspaceIds, signIn));
      return { account, workspaceIds };
    })();
  }

  async findSession(sessionHash: string): Promise<SessionRecord | null> {
    const row = this.statements.findSession.get(sessionHash);
    return row === undefined ? null : { account: toAccount(row), expiresAt: row.expires_at };
  }

  async endSession(sessionHash: string, audit: readonly AuditEntry[]): Promise<void> {
    this.db.transaction(() => {
      this.statements.deleteSession.run(sessionHash);
      this.writeAudit(audit);
    })();
  }

  async listAccountWorkspaces(
    accountId: string,
  ): Promise<{ workspaceId: string; name: string; role: Role }[]> {
    return this.statements.accountWorkspaces
      .all(accountId)
      .map((row) => ({ workspaceId: row.workspace_id, name: row.name, role: row.role }));
  }

  async findAccountByIssuerSubject(issuer: string, subject: string): Promise<AccountRecord | null> {
    const row = this.statements.findAccount.get(issuer, subject);
    return row === undefined ? null : toAccount(row);
  }

  async listWorkspacesOfEmail(email: string): Promise<string[]> {
    return this.statements.workspacesOfEmail.all(email).map((row) => row.workspace_id);
  }

  async listMembers(workspaceId: string): Promise<MemberRecord[]> {
    return this.statements.listMembers.all(workspaceId).map(toMember);
  }

  async findMemberRole(workspaceId: string, accountId: string): Promise<Role | null> {
    return this.statements.memberRole.get(workspaceId, accountId)?.role ?? null;
  }

  async putMember(
    workspaceId: string,
    email: string,
    role: Role,
    memberId: string,
    invitedAt: string,
    audit: AuditEntry,
  ): Promise<MemberRecord> {
    const s = this.statements;
    return this.db.transaction(() => {
      const existing = s.findMemberByEmail.get(workspaceId, email, email);
      if (existing === undefined)
        s.insertMember.run(memberId, workspaceId, email, email, role, invitedAt);
      else s.updateMemberRole.run(role, existing.id);
      const id = existing?.id ?? memberId;
      this.writeAudit({
        ...audit,
        action: existing === undefined ? 'member-invited' : 'member-role-changed',
      });
      return toMember(s.getMember.get(workspaceId, id)!);
    })();
  }

  async removeMember(
    workspaceId: string,
    memberId: string,
    audit: AuditEntry,
  ): Promise<MemberRecord | null> {
    const s = this.statements;
    return this.db.transaction(() => {
      const row = s.getMember.get(workspaceId, memberId);
      if (row === undefined) return null;
      s.deleteMember.run(memberId);
      this.writeAudit(audit);
      return toMember(row);
    })();
  }

  async touchAccount(accountId: string, at: string): Promise<void> {
    this.statements.touchAccount.run(at, accountId);
  }

  async setSignInRequired(
    workspaceId: string,
    required: boolean,
    audit: AuditEntry,
  ): Promise<void> {
    this.db.transaction(() => {
      this.statements.setSignInRequired.run(required ? 1 : 0, workspaceId);
      this.writeAudit(audit);
    })();
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    this.db.transaction(() => this.writeAudit(entries))();
  }

  async listAudit(workspaceId: string, query: AuditQuery): Promise<AuditEvent[]> {
    return this.statements.listAudit
      .all(workspaceId, query.from ?? '', query.to ?? '~', query.afterId ?? 0, query.limit)
      .map(toAuditEvent);
  }
}
