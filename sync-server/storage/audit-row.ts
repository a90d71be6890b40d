import type { AuditActor, AuditEntry, AuditEvent } from './identity-records.ts';
import type { Role } from './document-store.ts';

/** An `audit_events` row as both SQL stores hold it (the same column names in SQLite and PostgreSQL). */
export interface AuditRow {
  id: number | string;
  workspace_id: string | null;
  at: string;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  outcome: string;
  request_id: string | null;
  detail: string | null;
}

/** The columns after `id`, in the order the INSERT statements of both stores list them. */
export function auditValues(entry: AuditEntry): (string | null)[] {
  const { actor } = entry;
  const actorId = actor.type === 'account' ? actor.id : actor.type === 'link' ? actor.role : null;
  const actorName =
    actor.type === 'account' || actor.type === 'person' ? (actor.name ?? null) : null;
  return [
    entry.workspaceId,
    entry.at,
    actor.type,
    actorId,
    actorName,
    entry.action,
    entry.target ?? null,
    entry.outcome,
    entry.requestId ?? null,
    entry.detail ?? null,
  ];
}

export const AUDIT_COLUMNS =
  'workspace_id, at, actor_type, actor_id, actor_name, action, target, outcome, request_id, detail';

function toActor(row: AuditRow): AuditActor {
  switch (row.actor_type) {
    case 'account':
      return {
        type: 'account',
        id: row.actor_id ?? '',
        ...(row.actor_name !== null && { name: row.actor_name }),
      };
    case 'link':
      return { type: 'link', role: row.actor_id as Role };
    case 'person':
      return { type: 'person', name: row.actor_name ?? '' };
    default:
      return { type: 'system' };
  }
}

export const toAuditEvent = (row: AuditRow): AuditEvent => ({
  id: Number(row.id),
  workspaceId: row.workspace_id,
  at: row.at,
  actor: toActor(row),
  action: row.action as AuditEvent['action'],
  ...(row.target !== null && { target: row.target }),
  outcome: row.outcome as AuditEvent['outcome'],
  requestId: row.request_id,
  ...(row.detail !== null && { detail: row.detail }),
});
