import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import {
  exportCsv,
  exportHtml,
  exportIcs,
  exportMarkdown,
  findTable,
  withSmallCellsSuppressed,
} from '#core/export';
import { readDocument, readSmallCellThreshold } from '#core/schema';
import { auditEntry } from '../access/audit-entry.ts';
import { documentMember } from '../access/middleware.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { EXPORT_CONTENT_SECURITY_POLICY } from './security-headers.ts';
import { CalendarPollLog } from './calendar-poll-log.ts';

const FORMATS = {
  md: { type: 'text/markdown; charset=utf-8', extension: 'md' },
  html: { type: 'text/html; charset=utf-8', extension: 'html' },
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  ics: { type: 'text/calendar; charset=utf-8', extension: 'ics' },
} as const;

/** A file name from a title: letters, digits and dashes, never empty. */
function fileName(title: string, extension: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `${base || 'pathways-document'}.${extension}`;
}

/**
 * Calendar apps (Google Calendar, Outlook) subscribe to a feed by URL and cannot send headers, so
 * the iCalendar export alone also takes the token as `?token=`. Handing out the viewer link's
 * token keeps the feed read-only, and rotating the viewer link revokes every subscription to it.
 */
const calendarFeed = (c: Context) => c.req.query('format') === 'ics';

/** A calendar app's poll: the feed fetched with the token in the URL and no header (a person's download sends the header). */
const isSubscriptionPoll = (c: Context) =>
  calendarFeed(c) &&
  c.req.header('authorization') === undefined &&
  c.req.query('token') !== undefined;

/**
 * `GET /api/documents/:doc/export?format=md|html|csv|ics[&section=ID]`, rendered by core from the
 * stored document with the metrics table's small counts suppressed; `format=ics` also accepts
 * `&token=TOKEN` in place of the header.
 */
export function exportRoutes(store: DocumentStore, relay: Relay) {
  const polls = new CalendarPollLog();
  return new Hono().get(
    '/api/documents/:doc/export',
    documentMember(store, 'viewer', { acceptsQueryToken: calendarFeed }),
    async (c) => {
      const format = c.req.query('format') ?? 'md';
      if (!(format in FORMATS))
        throw new HTTPException(400, {
          message: `Unknown format "${format}": use md, html, csv or ics.`,
        });
      const { type, extension } = FORMATS[format as keyof typeof FORMATS];
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await relay.readState(c.req.param('doc')));
      // An export leaves the team, so small counts of students are suppressed in every format.
      const view = withSmallCellsSuppressed(readDocument(doc).value, readSmallCellThreshold(doc));
      doc.destroy();
      let body: string;
      switch (format) {
        case 'md':
          body = exportMarkdown(view);
          break;
        case 'html':
          body = exportHtml(view);
          break;
        case 'csv': {
          const section = c.req.query('section');
          const table = findTable(view, section);
          if (table === null)
            throw new HTTPException(404, {
              message:
                section === undefined
                  ? 'This document has no table to export.'
                  : `No table with section id "${section}" in this document.`,
            });
          body = exportCsv(table);
          break;
        }
        default:
          body = exportIcs(view, { documentId: c.req.param('doc') }).ics;
      }
      // Recorded once the export is made, before it leaves; a calendar subscription once a day (CalendarPollLog).
      const poll = isSubscriptionPoll(c);
      if (
        !poll ||
        polls.isFirstToday(c.get('authorized').tokenHash ?? 'member', c.req.param('doc'))
      ) {
        await store.appendAudit([
          auditEntry(c, {
            workspaceId: c.get('document').workspaceId,
            action: 'document-exported',
            target: c.req.param('doc'),
            detail: poll ? 'ics subscription' : format,
          }),
        ]);
      }
      // A calendar feed is shown or subscribed to, and polled: inline, and never kept stale by a cache.
      const disposition = format === 'html' || format === 'ics' ? 'inline' : 'attachment';
      return c.body(body, 200, {
        'content-type': type,
        'content-disposition': `${disposition}; filename="${fileName(view.meta.title, extension)}"`,
        'cache-control': 'no-store',
        // An exported page is document text and its own stylesheet: it may run nothing and load nothing.
        ...(format === 'html' && { 'content-security-policy': EXPORT_CONTENT_SECURITY_POLICY }),
      });
    },
  );
}
