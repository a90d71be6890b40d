import type pg from 'pg';
import type { Access, Role, WorkspaceOwner, WorkspaceRecord } from './document-store.ts';
import type { AuditEntry } from './identity-records.ts';
import { writeAudit } from './postgres-identity.ts';

/** Workspaces and their role tokens in PostgreSQL; the store runs the writes in its transactions. */

export async function insertWorkspace(
  client: pg.PoolClient,
  workspace: WorkspaceRecord,
  tokenHashes: Readonly<Record<Role, string>>,
  audit?: AuditEntry,
  owner?: WorkspaceOwner,
): Promise<void> {
  await client.query('INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)', [
    workspace.id,
    workspace.name,
    workspace.createdAt,
  ]);
  const entries = Object.entries(tokenHashes);
  await client.query(
    'INSERT INTO tokens (hash, workspace_id, role) SELECT hash, $1, role FROM unnest($2::text[], $3::text[]) AS t (hash, role)',
    [workspace.id, entries.map(([, hash]) => hash), entries.map(([role]) => role)],
  );
  if (owner !== undefined) {
    await client.query(
      "INSERT INTO members (id, workspace_id, email, account_id, role, invited_at) VALUES ($1, $2, $3, $4, 'owner', $5)",
      [owner.memberId, workspace.id, owner.email, owner.accountId, workspace.createdAt],
    );
  }
  await writeAudit(client, audit);
}

export async function getWorkspace(pool: pg.Pool, id: string): Promise<WorkspaceRecord | null> {
  const { rows } = await pool.query<{
    id: string;
    name: string;
    created_at: string;
    sign_in_required: boolean;
  }>({
    name: 'get-workspace',
    text: 'SELECT id, name, created_at, sign_in_required FROM workspaces WHERE id = $1',
    values: [id],
  });
  const row = rows[0];
  return row === undefined
    ? null
    : {
        id: row.id,
        name: row.name,
        createdAt: row.created_at,
        signInRequired: row.sign_in_required,
      };
}

export async function findAccess(pool: pg.Pool, tokenHash: string): Promise<Access | null> {
  const { rows } = await pool.query<{ workspace_id: string; role: Role }>({
    name: 'find-token',
    text: 'SELECT workspace_id, role FROM tokens WHERE hash = $1',
    values: [tokenHash],
  });
  const row = rows[0];
  return row === undefined ? null : { workspaceId: row.workspace_id, role: row.role };
}

export async function replaceToken(
  client: pg.PoolClient,
  workspaceId: string,
  role: Role,
  tokenHash: string,
  audit?: AuditEntry,
): Promise<void> {
  await client.query('DELETE FROM tokens WHERE workspace_id = $1 AND role = $2', [
    workspaceId,
    role,
  ]);
  await client.query('INSERT INTO tokens (hash, workspace_id, role) VALUES ($1, $2, $3)', [
    tokenHash,
    workspaceId,
    role,
  ]);
  await writeAudit(client, audit);
}
