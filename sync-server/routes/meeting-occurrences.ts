import { Hono } from 'hono';
import { z } from 'zod';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import {
  encodeOccurrenceId,
  fillMeetingDocument,
  findPreviousOccurrence,
  formatShortMeetingDate,
  isOccurrence,
  isRowId,
  MEETING_TEMPLATE_ID,
  meetingDocumentTitle,
  parseIsoDate,
  REPEAT_LABELS,
} from '#core/meetings';
import { initializeDocument, markOccurrenceCreated, requestOccurrence } from '#core/schema';
import { documentMember } from '../access/middleware.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { jsonBody } from './json-body.ts';
import { resolveOccurrenceMeeting } from './occurrence-meeting.ts';

const EXAMPLE = '{"row": "k3j9x0a2bq81zt", "date": "2026-01-14"}';

const ROW_MESSAGE = `"row" must be the id of a row of the meetings table, such as ${EXAMPLE}.`;
const DATE_MESSAGE = '"date" must be a calendar date written YYYY-MM-DD, such as "2026-01-14".';
const OccurrenceRequest = z.object({
  row: z.string({ error: ROW_MESSAGE }).refine(isRowId, ROW_MESSAGE),
  date: z
    .string({ error: DATE_MESSAGE })
    .refine((date) => parseIsoDate(date) !== null, DATE_MESSAGE),
});

type Opened = { id: string; title: string; created: boolean };

/**
 * `POST /api/documents/:doc/occurrences` `{row, date}` (editor): the document of the meeting in
 * row `row` of calendar `:doc` on `date`, created the first time and found every time after:
 * 201 `{id, title, created: true}`, then 200 `{id, title, created: false}`. The id is derived
 * (`CALENDAR.ROW.DATE`), so two people asking at once, or one asking again after being offline,
 * reach the same document. On a school's calendar `row` may also be a district meeting's row,
 * prefilled with the school's own values. See the README's "Meetings and school calendars" (M3, M7).
 */
export function meetingOccurrenceRoutes(store: DocumentStore, relay: Relay) {
  // Two requests for one occurrence in this process share one creation. Across nodes the
  // documents table's primary key decides, and the loser answers with the winner's document.
  const creating = new Map<string, Promise<Opened>>();

  /** Records in the calendar that the document exists; a no-op once recorded. */
  const markCreated = (calendarId: string, id: string) =>
    relay.applyServerChange(calendarId, (calendarDoc) =>
      markOccurrenceCreated(calendarDoc, id, new Date().toISOString()),
    );

  return new Hono().post(
    '/api/documents/:doc/occurrences',
    documentMember(store, 'editor'),
    jsonBody(OccurrenceRequest, EXAMPLE),
    async (c) => {
      const calendar = c.get('document');
      const { row: rowId, date } = c.req.valid('json');
      const key = { calendarId: calendar.id, rowId, date };
      const id = encodeOccurrenceId(key);

      const existing = await store.getDocument(id);
      if (existing !== null) {
        // M8: a creation cut short before the calendar recorded it is repaired by the next request.
        await markCreated(calendar.id, id);
        return c.json({ id, title: existing.title, created: false }, 200);
      }

      const pending = creating.get(id);
      if (pending !== undefined) return c.json({ ...(await pending), created: false }, 200);

      // Registered before the first await, so a request arriving meanwhile joins this one.
      const creation = (async (): Promise<Opened> => {
        // A request that read "missing" just before another finished creating it finds it here.
        const created = await store.getDocument(id);
        if (created !== null) return { id, title: created.title, created: false };
        const meeting = await resolveOccurrenceMeeting(store, relay, calendar, rowId);
        if (meeting.schedule === null)
          throw new HTTPException(400, {
            message: `"row": "${meeting.meeting || 'this meeting'}" has no first date yet, so it has no dates to open.`,
          });
        if (!isOccurrence(meeting.schedule, date)) {
          const { firstDate, repeat } = meeting.schedule;
          throw new HTTPException(400, {
            message: `"date" ${date} is not a date of "${meeting.meeting || 'this meeting'}" (first date ${formatShortMeetingDate(firstDate)}, ${REPEAT_LABELS[repeat].toLowerCase()}).`,
          });
        }

        // M8: the wish is recorded in the calendar before the document exists, so a crash right
        // after creating it leaves a request without a creation time, which every editor's page
        // that opens the calendar asks for again, and that request marks it created.
        await relay.applyServerChange(calendar.id, (calendarDoc) =>
          requestOccurrence(calendarDoc, id, new Date().toISOString()),
        );
        const siblings = await store.listDocuments(calendar.workspaceId);
        const previousId = findPreviousOccurrence(
          key,
          siblings.map((document) => document.id),
        );
        const title = meetingDocumentTitle(meeting, date);
        const occurrence = new Y.Doc();
        const createdAt = new Date().toISOString();
        const made = initializeDocument(
          occurrence,
          { title, template: MEETING_TEMPLATE_ID, createdAt },
          (fresh) => fillMeetingDocument(fresh, { key, meeting, previousId }),
        );
        if (!made.ok) throw new HTTPException(500, { message: made.message });
        try {
          await store.createDocument(
            {
              id,
              workspaceId: calendar.workspaceId,
              title,
              template: MEETING_TEMPLATE_ID,
              createdAt,
              updatedAt: createdAt,
            },
            Y.encodeStateAsUpdate(occurrence),
          );
          return { id, title, created: true };
        } catch (error) {
          // Another node created it first: its document is the one.
          const winner = await store.getDocument(id);
          if (winner === null) throw error;
          return { id, title: winner.title, created: false };
        } finally {
          occurrence.destroy();
        }
      })();
      creating.set(id, creation);
      try {
        const result = await creation;
        // The calendar lists the meeting's document at once, for everyone who has it open,
        // whoever asked (a client offline records its request in the calendar itself).
        await markCreated(calendar.id, id);
        return c.json(result, result.created ? 201 : 200);
      } finally {
        creating.delete(id);
      }
    },
  );
}
