import type { Context } from 'hono';
import type { AuditActor, AuditEntry } from '../storage/identity-records.ts';
import type { Authorized } from './authorize.ts';
import { readAccount } from './middleware.ts';

/**
 * Who made this request, for the audit log: the signed-in account when there is one (a name a
 * privacy officer can read), else the role of the share link presented, else the server.
 */
export function requestActor(c: Context): AuditActor {
  const account = readAccount(c);
  if (account !== null) return { type: 'account', id: account.id, name: account.name };
  const authorized = c.get('authorized') as Authorized | undefined;
  return authorized === undefined
    ? { type: 'system' }
    : { type: 'link', role: authorized.access.role };
}

/** An audit entry for what this request did, stamped now and with the request's id. */
export function auditEntry(
  c: Context,
  fields: {
    readonly workspaceId: string;
    readonly action: AuditEntry['action'];
    readonly target?: string;
    readonly detail?: string;
    readonly outcome?: AuditEntry['outcome'];
    readonly actor?: AuditActor;
  },
): AuditEntry {
  return {
    workspaceId: fields.workspaceId,
    at: new Date().toISOString(),
    actor: fields.actor ?? requestActor(c),
    action: fields.action,
    outcome: fields.outcome ?? 'success',
    requestId: (c.get('requestId') as string | undefined) ?? null,
    ...(fields.target !== undefined && { target: fields.target }),
    ...(fields.detail !== undefined && { detail: fields.detail }),
  };
}
