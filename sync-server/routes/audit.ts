import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { stream } from 'hono/streaming';
import { csvRecords } from '#core/export';
import { workspaceMember } from '../access/middleware.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import type { AuditEvent } from '../storage/identity-records.ts';

/** Events read from storage at a time: a year of a busy district streams in pages, never all in memory. */
const PAGE = 500;

const CSV_HEADER = [
  'id',
  'at',
  'workspace',
  'actor_type',
  'actor_id',
  'actor_name',
  'action',
  'target',
  'outcome',
  'request_id',
  'detail',
];

/** One event as its JSON line: the shape DESIGN.md gives, plus the request id and detail. */
export function auditJson(event: AuditEvent): Record<string, unknown> {
  return {
    id: event.id,
    at: event.at,
    workspace: event.workspaceId,
    actor: event.actor,
    action: event.action,
    ...(event.target !== undefined && { target: event.target }),
    outcome: event.outcome,
    requestId: event.requestId ?? null,
    ...(event.detail !== undefined && { detail: event.detail }),
  };
}

function csvRow(event: AuditEvent): string[] {
  const { actor } = event;
  const actorId = actor.type === 'account' ? actor.id : actor.type === 'link' ? actor.role : '';
  const actorName = actor.type === 'account' || actor.type === 'person' ? (actor.name ?? '') : '';
  return [
    String(event.id),
    event.at,
    event.workspaceId ?? '',
    actor.type,
    actorId,
    actorName,
    event.action,
    event.target ?? '',
    event.outcome,
    event.requestId ?? '',
    event.detail ?? '',
  ];
}

/** `from`/`to` as given (any ISO-8601 time), as the UTC ISO strings the log holds; a bad one is a 400 that says so. */
function readTime(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new HTTPException(400, {
      message: `"${name}" must be an ISO-8601 time such as 2026-12-01 or 2026-12-01T08:00:00Z; got "${value.slice(0, 40)}".`,
    });
  return new Date(time).toISOString();
}

/**
 * `GET /api/workspaces/:ws/audit?format=jsonl|csv[&from=ISO&to=ISO]` (owner): the workspace's
 * audit log, oldest first, `from` ≤ time < `to`, streamed a page at a time. CSV cells that a
 * spreadsheet would run as formulas are quoted as text, as in every CSV export.
 */
export function auditRoutes(store: DocumentStore) {
  return new Hono().get('/api/workspaces/:ws/audit', workspaceMember(store, 'owner'), async (c) => {
    const format = c.req.query('format') ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'csv')
      throw new HTTPException(400, {
        message: `Unknown format "${format.slice(0, 20)}": use jsonl or csv.`,
      });
    const from = readTime(c.req.query('from'), 'from');
    const to = readTime(c.req.query('to'), 'to');
    const workspaceId = c.req.param('ws');
    c.header(
      'content-type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8',
    );
    c.header(
      'content-disposition',
      `attachment; filename="pathways-audit-${workspaceId}.${format}"`,
    );
    c.header('cache-control', 'no-store');
    return stream(c, async (out) => {
      if (format === 'csv') await out.write(csvRecords([CSV_HEADER]));
      let afterId = 0;
      for (;;) {
        const page = await store.listAudit(workspaceId, {
          ...(from && { from }),
          ...(to && { to }),
          afterId,
          limit: PAGE,
        });
        if (page.length === 0 || out.aborted) break;
        await out.write(
          format === 'csv'
            ? csvRecords(page.map(csvRow))
            : page.map((event) => `${JSON.stringify(auditJson(event))}\n`).join(''),
        );
        afterId = page[page.length - 1]!.id;
        if (page.length < PAGE) break;
      }
    });
  });
}
