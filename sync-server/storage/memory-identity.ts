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

interface MemberEntry {
  id: string;
  workspaceId: string;
  email: string;
  accountId: string | null;
  role: Role;
  invitedAt: string;
}

/** Accounts, sessions, members and the audit log in memory, for tests. */
export class MemoryIdentity implements IdentityStore {
  private readonly accounts = new Map<string, AccountRecord & { lastActiveAt: string | null }>();
  private readonly sessions = new Map<string, { accountId: string; expiresAt: string }>();
  private readonly members = new Map<string, MemberEntry>();
  private readonly audit: AuditEvent[] = [];

  constructor(private readonly workspaceName: (id: string) => string | null) {}

  writeAudit(entries: readonly AuditEntry[] | AuditEntry | undefined): void {
    if (entries === undefined) return;
    for (const entry of Array.isArray(entries)
      ? (entries as readonly AuditEntry[])
      : [entries as AuditEntry])
      this.audit.push({ ...entry, id: this.audit.length + 1 });
  }

  addOwner(member: MemberEntry): void {
    this.members.set(member.id, member);
  }

  async signIn(signIn: SignIn): Promise<{ account: AccountRecord; workspaceIds: string[] }> {
    const existing = [...this.accounts.values()].find(
      (account) => account.issuer === signIn.issuer && account.subject === signIn.subject,
    );
    const id = existing?.id ?? signIn.accountId;
    const account: AccountRecord = {
      id,
      issuer: signIn.issuer,
      subject: signIn.subject,
      email: signIn.email,
      name: signIn.name,
    };
    this.accounts.set(id, { ...account, lastActiveAt: signIn.at });
    const memberOf = new Set(this.memberships(id).map((member) => member.workspaceId));
    for (const member of this.members.values()) {
      if (
        member.accountId === null &&
        member.email === signIn.email &&
        !memberOf.has(member.workspaceId)
      )
        member.accountId = id;
    }
    this.sessions.set(signIn.sessionHash, { accountId: id, expiresAt: signIn.sessionExpiresAt });
    const workspaceIds = this.memberships(id)
      .map((member) => member.workspaceId)
      .sort();
    this.writeAudit(signInEvents(account, workspaceIds, signIn));
    return { account, workspaceIds };
  }

  private memberships(accountId: string): MemberEntry[] {
    return [...this.members.values()].filter((member) => member.accountId === accountId);
  }

  async findSession(sessionHash: string): Promise<SessionRecord | null> {
    const session = this.sessions.get(sessionHash);
    const account = session && this.accounts.get(session.accountId);
    if (session === undefined || account === undefined) return null;
    const { lastActiveAt: _, ...record } = account;
    return { account: record, expiresAt: session.expiresAt };
  }

  async endSession(sessionHash: string, audit: readonly AuditEntry[]): Promise<void> {
    this.sessions.delete(sessionHash);
    this.writeAudit(audit);
  }

  async listAccountWorkspaces(
    accountId: string,
  ): Promise<{ workspaceId: string; name: string; role: Role }[]> {
    return this.memberships(accountId)
      .map((member) => ({
        workspaceId: member.workspaceId,
        name: this.workspaceName(member.workspaceId) ?? '',
        role: member.role,
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.workspaceId.localeCompare(b.workspaceId));
  }

  async findAccountByIssuerSubject(issuer: string, subject: string): Promise<AccountRecord | null> {
    const found = [...this.accounts.values()].find(
      (account) => account.issuer === issuer && account.subject === subject,
    );
    if (found === undefined) return null;
    const { lastActiveAt: _, ...record } = found;
    return record;
  }

  async listWorkspacesOfEmail(email: string): Promise<string[]> {
    return [
      ...new Set(
        [...this.members.values()]
          .filter((member) => member.email === email)
          .map((member) => member.workspaceId),
      ),
    ].sort();
  }

  private toRecord(member: MemberEntry): MemberRecord {
    const account = member.accountId === null ? undefined : this.accounts.get(member.accountId);
    return {
      id: member.id,
      workspaceId: member.workspaceId,
      email: member.email,
      role: member.role,
      account: account === undefined ? null : { id: account.id, name: account.name },
      invitedAt: member.invitedAt,
      lastActiveAt: account?.lastActiveAt ?? null,
    };
  }

  async listMembers(workspaceId: string): Promise<MemberRecord[]> {
    return [...this.members.values()]
      .filter((member) => member.workspaceId === workspaceId)
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0))
      .map((member) => this.toRecord(member));
  }

  async findMemberRole(workspaceId: string, accountId: string): Promise<Role | null> {
    return (
      [...this.members.values()].find(
        (member) => member.workspaceId === workspaceId && member.accountId === accountId,
      )?.role ?? null
    );
  }

  async putMember(
    workspaceId: string,
    email: string,
    role: Role,
    memberId: string,
    invitedAt: string,
    audit: AuditEntry,
  ): Promise<MemberRecord> {
    const existing = [...this.members.values()].find(
      (member) =>
        member.workspaceId === workspaceId &&
        (member.email === email ||
          (member.accountId !== null && this.accounts.get(member.accountId)?.email === email)),
    );
    if (existing !== undefined) existing.role = role;
    else {
      const account = [...this.accounts.values()]
        .filter((candidate) => candidate.email === email)
        .sort((a, b) => (a.id < b.id ? -1 : 1))[0];
      this.members.set(memberId, {
        id: memberId,
        workspaceId,
        email,
        accountId: account?.id ?? null,
        role,
        invitedAt,
      });
    }
    this.writeAudit({
      ...audit,
      action: existing === undefined ? 'member-invited' : 'member-role-changed',
    });
    return this.toRecord(existing ?? this.members.get(memberId)!);
  }

  async removeMember(
    workspaceId: string,
    memberId: string,
    audit: AuditEntry,
  ): Promise<MemberRecord | null> {
    const member = this.members.get(memberId);
    if (member === undefined || member.workspaceId !== workspaceId) return null;
    const record = this.toRecord(member);
    this.members.delete(memberId);
    this.writeAudit(audit);
    return record;
  }

  async touchAccount(accountId: string, at: string): Promise<void> {
    const account = this.accounts.get(accountId);
    if (account !== undefined) account.lastActiveAt = at;
  }

  async setSignInRequired(
    _workspaceId: string,
    _required: boolean,
    audit: AuditEntry,
  ): Promise<void> {
    this.writeAudit(audit);
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    this.writeAudit(entries);
  }

  async listAudit(workspaceId: string, query: AuditQuery): Promise<AuditEvent[]> {
    const from = query.from ?? '';
    const to = query.to ?? '~';
    return this.audit
      .filter(
        (event) =>
          event.workspaceId === workspaceId &&
          event.at >= from &&
          event.at < to &&
          event.id > (query.afterId ?? 0),
      )
      .slice(0, query.limit)
      .map((event) => ({ ...event, requestId: event.requestId ?? null }));
  }
}
