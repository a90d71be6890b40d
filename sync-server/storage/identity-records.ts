import type { Role } from './document-store.ts';

/**
 * Records for district sign-in, members and the audit log (issue 18). Accounts are keyed on the
 * provider's issuer and `sub`, never on an email or a username: those change and can be reused.
 */
export interface AccountRecord {
  readonly id: string;
  readonly issuer: string;
  readonly subject: string;
  /** Lower-cased; what invitations are matched against at sign-in. */
  readonly email: string;
  readonly name: string;
}

/** One person's sign-in, as the callback saw it; `accountId` is used only for a new account. */
export interface SignIn {
  readonly accountId: string;
  readonly issuer: string;
  readonly subject: string;
  readonly email: string;
  readonly name: string;
  readonly at: string;
  /** SHA-256 of the session cookie's value; the value itself is never stored. */
  readonly sessionHash: string;
  readonly sessionExpiresAt: string;
  readonly requestId: string | null;
}

export interface SessionRecord {
  readonly account: AccountRecord;
  readonly expiresAt: string;
}

/** A member of a workspace; `account` is null while the invitation waits for a first sign-in. */
export interface MemberRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly email: string;
  readonly role: Role;
  readonly account: { readonly id: string; readonly name: string } | null;
  readonly invitedAt: string;
  /** The member's last sign-in or socket opened, ISO-8601; null before any. */
  readonly lastActiveAt: string | null;
}

/** Who did it: a signed-in account, someone holding a share link of a role, or the server itself. */
export type AuditActor =
  | { readonly type: 'account'; readonly id: string; readonly name?: string }
  | { readonly type: 'link'; readonly role: Role }
  | { readonly type: 'person'; readonly name: string }
  | { readonly type: 'system' };

export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-refused',
  'sign-out',
  'session-expired',
  'workspace-created',
  'sign-in-required-changed',
  'member-invited',
  'member-role-changed',
  'member-removed',
  'link-rotated',
  'survey-link-created',
  'survey-link-closed',
  'document-created',
  'document-deleted',
  'document-exported',
  'version-saved',
  'version-restored',
  'editing-session',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * An event as its writer gives it. Never document content and never anything about a survey
 * respondent: `target` is an id or an email, `detail` a format, a role or counts.
 */
export interface AuditEntry {
  /** Null for an event that belongs to no workspace (a refused sign-in of someone invited nowhere). */
  readonly workspaceId: string | null;
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly target?: string;
  readonly outcome: 'success' | 'refused';
  readonly requestId?: string | null;
  readonly detail?: string;
}

/** An event as stored: `id` increases in the order events were written. */
export interface AuditEvent extends AuditEntry {
  readonly id: number;
}

export interface AuditQuery {
  readonly from?: string;
  readonly to?: string;
  /** Events with a larger id only, for reading a long log page by page. */
  readonly afterId?: number;
  readonly limit: number;
}

/** The part of every store that keeps accounts, sessions, members and the audit log. */
export interface IdentityStore {
  /**
   * In one transaction: finds or creates the account (issuer + sub), turns invitations to its email
   * into memberships, stores the session, and writes a `sign-in` event in each of its workspaces
   * (one without a workspace when it has none). Returns the account and its workspace ids.
   */
  signIn(
    signIn: SignIn,
  ): Promise<{ readonly account: AccountRecord; readonly workspaceIds: readonly string[] }>;
  findSession(sessionHash: string): Promise<SessionRecord | null>;
  /** Forgets the session and writes `audit` (sign-out or session expired) in the same transaction. */
  endSession(sessionHash: string, audit: readonly AuditEntry[]): Promise<void>;
  /** The workspaces an account is a member of, for the events written about it. */
  listAccountWorkspaces(
    accountId: string,
  ): Promise<{ readonly workspaceId: string; readonly name: string; readonly role: Role }[]>;
  findAccountByIssuerSubject(issuer: string, subject: string): Promise<AccountRecord | null>;
  /** Workspaces with a member (or an invitation) under this email, for recording a refused sign-in where it matters. */
  listWorkspacesOfEmail(email: string): Promise<string[]>;

  listMembers(workspaceId: string): Promise<MemberRecord[]>;
  /** The role the account holds in the workspace as a member, or null. */
  findMemberRole(workspaceId: string, accountId: string): Promise<Role | null>;
  /**
   * Invites `email` with `role`, or changes the role of the member with that email (or whose
   * account has it). An account with that email that has signed in before becomes a member at once.
   */
  putMember(
    workspaceId: string,
    email: string,
    role: Role,
    memberId: string,
    invitedAt: string,
    audit: AuditEntry,
  ): Promise<MemberRecord>;
  /** Removes the member; resolves with what was removed (null when there was no such member). */
  removeMember(
    workspaceId: string,
    memberId: string,
    audit: AuditEntry,
  ): Promise<MemberRecord | null>;
  /** Records activity (a socket opened) for "last activity" on the members page. */
  touchAccount(accountId: string, at: string): Promise<void>;

  setSignInRequired(workspaceId: string, required: boolean, audit: AuditEntry): Promise<void>;

  /** Writes events that record no stored change of their own (an export, a refused sign-in). */
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
  /** A workspace's events in the order written, `from` ≤ at < `to`, at most `limit` of them. */
  listAudit(workspaceId: string, query: AuditQuery): Promise<AuditEvent[]>;
}
