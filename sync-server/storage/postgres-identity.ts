import type pg from 'pg';
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
import { AUDIT_COLUMNS, auditValues, toAuditEvent, type AuditRow } from './audit-row.ts';
import { signInEvents } from './sign-in-events.ts';
import { toMember, type MemberRow } from './sqlite-identity.ts';

type Queryable = pg.Pool | pg.PoolClient;
type Transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

const MEMBER_SELECT = `SELECT m.id, m.workspace_id, m.email, m.role, m.invited_at, m.account_id, a.name AS account_name, a.last_active_at
  FROM members m LEFT JOIN accounts a ON a.id = m.account_id`;

/** Writes audit entries with `client`, so they commit or roll back with the change they record. */
export async function writeAudit(
  client: Queryable,
  entries: readonly AuditEntry[] | AuditEntry | undefined,
): Promise<void> {
  if (entries === undefined) return;
  const list = Array.isArray(entries)
    ? (entries as readonly AuditEntry[])
    : [entries as AuditEntry];
  if (list.length === 0) return;
  const columns = list.map(auditValues);
  // One statement for any number of events: one array per column, in the order given.
  const placeholders = columns[0]!.map((_, index) => `$${index + 1}::text[]`).join(', ');
  await client.query(
    `INSERT INTO audit_events (${AUDIT_COLUMNS}) SELECT ${AUDIT_COLUMNS} FROM unnest(${placeholders}) WITH ORDINALITY AS t (${AUDIT_COLUMNS}, n) ORDER BY n`,
    columns[0]!.map((_, index) => columns.map((row) => row[index])),
  );
}

/** Accounts, sessions, members and the audit log in PostgreSQL, shared by every node. */
export class PostgresIdentity implements IdentityStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly transaction: Transaction,
  ) {}

  async signIn(signIn: SignIn): Promise<{ account: AccountRecord; workspaceIds: string[] }> {
    return this.transaction(async (client) => {
      // One statement finds or creates the account, so two first sign-ins at once make one.
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO accounts (id, issuer, subject, email, name, last_active_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (issuer, subject) DO UPDATE SET email = excluded.email, name = excluded.name, last_active_at = excluded.last_active_at
         RETURNING id`,
        [signIn.accountId, signIn.issuer, signIn.subject, signIn.email, signIn.name, signIn.at],
      );
      const id = rows[0]!.id;
      await client.query(
        'UPDATE members SET account_id = $1 WHERE email = $2 AND account_id IS NULL AND workspace_id NOT IN (SELECT workspace_id FROM members WHERE account_id = $1)',
        [id, signIn.email],
      );
      await client.query(
        'INSERT INTO sessions (hash, account_id, expires_at) VALUES ($1, $2, $3)',
        [signIn.sessionHash, id, signIn.sessionExpiresAt],
      );
      const workspaces = await client.query<{ workspace_id: string }>(
        'SELECT workspace_id FROM members WHERE account_id = $1 ORDER BY workspace_id',
        [id],
      );
      const workspaceIds = workspaces.rows.map((row) => row.workspace_id);
      const account: AccountRecord = {
        id,
        issuer: signIn.issuer,
        subject: signIn.subject,
        email: signIn.email,
        name: signIn.name,
      };
      await writeAudit(client, signInEvents(account, workspaceIds, signIn));
      return { account, workspaceIds };
    });
  }

  async findSession(sessionHash: string): Promise<SessionRecord | null> {
    const { rows } = await this.pool.query<AccountRecord & { expires_at: string }>({
      name: 'find-session',
      text: 'SELECT a.id, a.issuer, a.subject, a.email, a.name, s.expires_at FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.hash = $1',
      values: [sessionHash],
    });
    const row = rows[0];
    return row === undefined
      ? null
      : {
          account: {
            id: row.id,
            issuer: row.issuer,
            subject: row.subject,
            email: row.email,
            name: row.name,
          },
          expiresAt: row.expires_at,
        };
  }

  async endSession(sessionHash: string, audit: readonly AuditEntry[]): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM sessions WHERE hash = $1', [sessionHash]);
      await writeAudit(client, audit);
    });
  }

  async listAccountWorkspaces(
    accountId: string,
  ): Promise<{ workspaceId: string; name: string; role: Role }[]> {
    const { rows } = await this.pool.query<{ workspace_id: string; name: string; role: Role }>(
      'SELECT m.workspace_id, w.name, m.role FROM members m JOIN workspaces w ON w.id = m.workspace_id WHERE m.account_id = $1 ORDER BY w.name COLLATE "C", w.id COLLATE "C"',
      [accountId],
    );
    return rows.map((row) => ({ workspaceId: row.workspace_id, name: row.name, role: row.role }));
  }

  async findAccountByIssuerSubject(issuer: string, subject: string): Promise<AccountRecord | null> {
    const { rows } = await this.pool.query<AccountRecord>(
      'SELECT id, issuer, subject, email, name FROM accounts WHERE issuer = $1 AND subject = $2',
      [issuer, subject],
    );
    return rows[0] ?? null;
  }

  async listWorkspacesOfEmail(email: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ workspace_id: string }>(
      'SELECT workspace_id FROM members WHERE email = $1 GROUP BY workspace_id ORDER BY workspace_id COLLATE "C"',
      [email],
    );
    return rows.map((row) => row.workspace_id);
  }

  async listMembers(workspaceId: string): Promise<MemberRecord[]> {
    const { rows } = await this.pool.query<MemberRow>(
      `${MEMBER_SELECT} WHERE m.workspace_id = $1 ORDER BY m.email COLLATE "C"`,
      [workspaceId],
    );
    return rows.map(toMember);
  }

  async findMemberRole(workspaceId: string, accountId: string): Promise<Role | null> {
    const { rows } = await this.pool.query<{ role: Role }>({
      name: 'member-role',
      text: 'SELECT role FROM members WHERE workspace_id = $1 AND account_id = $2',
      values: [workspaceId, accountId],
    });
    return rows[0]?.role ?? null;
  }

  async putMember(
    workspaceId: string,
    email: string,
    role: Role,
    memberId: string,
    invitedAt: string,
    audit: AuditEntry,
  ): Promise<MemberRecord> {
    return this.transaction(async (client) => {
      // The workspace row is locked so two invitations of one email at once make one member.
      await client.query('SELECT id FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
      const found = await client.query<{ id: string }>(
        'SELECT id FROM members WHERE workspace_id = $1 AND (email = $2 OR account_id IN (SELECT id FROM accounts WHERE email = $2))',
        [workspaceId, email],
      );
      const existing = found.rows[0];
      if (existing === undefined) {
        await client.query(
          'INSERT INTO members (id, workspace_id, email, account_id, role, invited_at) VALUES ($1, $2, $3, (SELECT id FROM accounts WHERE email = $3 ORDER BY id COLLATE "C" LIMIT 1), $4, $5)',
          [memberId, workspaceId, email, role, invitedAt],
        );
      } else {
        await client.query('UPDATE members SET role = $1 WHERE id = $2', [role, existing.id]);
      }
      await writeAudit(client, {
        ...audit,
        action: existing === undefined ? 'member-invited' : 'member-role-changed',
      });
      const { rows } = await client.query<MemberRow>(
        `${MEMBER_SELECT} WHERE m.workspace_id = $1 AND m.id = $2`,
        [workspaceId, existing?.id ?? memberId],
      );
      return toMember(rows[0]!);
    });
  }

  async removeMember(
    workspaceId: string,
    memberId: string,
    audit: AuditEntry,
  ): Promise<MemberRecord | null> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<MemberRow>(
        `${MEMBER_SELECT} WHERE m.workspace_id = $1 AND m.id = $2`,
        [workspaceId, memberId],
      );
      if (rows[0] === undefined) return null;
      await client.query('DELETE FROM members WHERE id = $1', [memberId]);
      await writeAudit(client, audit);
      return toMember(rows[0]);
    });
  }

  async touchAccount(accountId: string, at: string): Promise<void> {
    await this.pool.query('UPDATE accounts SET last_active_at = $1 WHERE id = $2', [at, accountId]);
  }

  async setSignInRequired(
    workspaceId: string,
    required: boolean,
    audit: AuditEntry,
  ): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('UPDATE workspaces SET sign_in_required = $1 WHERE id = $2', [
        required,
        workspaceId,
      ]);
      await writeAudit(client, audit);
    });
  }

  async appendAudit(entries: readonly AuditEntry[]): Promise<void> {
    await writeAudit(this.pool, entries);
  }

  async listAudit(workspaceId: string, query: AuditQuery): Promise<AuditEvent[]> {
    const { rows } = await this.pool.query<AuditRow>(
      'SELECT * FROM audit_events WHERE workspace_id = $1 AND at COLLATE "C" >= $2 AND at COLLATE "C" < $3 AND id > $4 ORDER BY id LIMIT $5',
      [workspaceId, query.from ?? '', query.to ?? '~', query.afterId ?? 0, query.limit],
    );
    return rows.map(toAuditEvent);
  }
}
