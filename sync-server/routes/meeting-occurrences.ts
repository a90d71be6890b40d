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
  readCalendarMeeting,
  REPEAT_LABELS,
} from '#core/meetings';
import { initializeDocument, markOccurrenceCreated, readTable } from '#core/schema';
import { MEETINGS_SECTION_ID } from '#core/templates';
import { documentMember } from '../access/middleware.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { jsonBody } from './json-body.ts';

const EXAMPLE = '{"row": "k3j9x0a2bq81zt", "date": "2026-01-14"}';

const ROW_MESSAGE = `"row" must be the id of a row of the meetings table, such as ${EXAMPLE}.`;
const DATE_MESSAGE = '"date" must be a calendar date written YYYY-MM-DD, such as "2026-01-14".';
const OccurrenceRequest = z.object({
  row: z.string({ error: ROW_MESSAGE }).refine(isRowId, ROW_MESSAGE),
  date: z.string({ error: DATE_MESSAGE }).refine((date) => parseIsoDate(date) !== null, DATE_MESSAGE),
});

/**
 * `POST /api/documents/:doc/occurrences` `{row, date}` (editor): the document of the meeting in
 * row `row` of calendar `:doc` on `date`, created the first time and found every time after:
 * 201 `{id, title, created: true}`, then 200 `{id, title, created: false}`. The id is derived
 * (`CALENDAR.ROW.DATE`), so two people asking at once, or one asking again after being offline,
 * reach the same document; see the README's "Meeting occurrences" for the whole rule.
 */
export function meetingOccurrenceRoutes(store: DocumentStore, relay: Relay) {
  // Two requests for one occurrence in this process share one creation. Across nodes the
  // documents table's primary key decides, and the loser answers with the winner's document.
  const creating = new Map<string, Promise<{ id: string; title: string; created: boolean }>>();

  return new Hono().post('/api/documents/:doc/occurrences', documentMember(store, 'editor'), jsonBody(OccurrenceRequest, EXAMPLE), async (c) => {
    const calendar = c.get('document');
    const { row: rowId, date } = c.req.valid('json');
    const key = { calendarId: calendar.id, rowId, date };
    const id = encodeOccurrenceId(key);

    const existing = await store.getDocument(id);
    if (existing !== null) return c.json({ id, title: existing.title, created: false }, 200);

    const pending = creating.get(id);
    if (pending !== undefined) return c.json({ ...(await pending), created: false }, 200);

    // Registered before the first await, so a request arriving meanwhile joins this one.
    const creation = (async () => {
      // A request that read "missing" just before another finished creating it finds it here.
      const created = await store.getDocument(id);
      if (created !== null) return { id, title: created.title, created: false };
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await relay.readState(calendar.id));
      const table = readTable(doc, MEETINGS_SECTION_ID)?.value ?? null;
      doc.destroy();
      if (table === null) throw new HTTPException(400, { message: 'This document has no meetings table: open a meeting from a meeting calendar.' });
      const row = table.rows.find((candidate) => candidate.id === rowId);
      if (row === undefined) throw new HTTPException(400, { message: `"row" ${JSON.stringify(rowId)} is not a row of this calendar's meetings table (it may have been deleted).` });
      const meeting = readCalendarMeeting(row);
      if (meeting.schedule === null) throw new HTTPException(400, { message: `"row": "${meeting.meeting || 'this meeting'}" has no first date yet, so it has no dates to open.` });
      if (!isOccurrence(meeting.schedule, date)) {
        const { firstDate, repeat } = meeting.schedule;
        throw new HTTPException(400, {
          message: `"date" ${date} is not a date of "${meeting.meeting || 'this meeting'}" (first date ${formatShortMeetingDate(firstDate)}, ${REPEAT_LABELS[repeat].toLowerCase()}).`,
        });
      }

      const siblings = await store.listDocuments(calendar.workspaceId);
      const previousId = findPreviousOccurrence(key, siblings.map((document) => document.id));
      const title = meetingDocumentTitle(meeting, date);
      const occurrence = new Y.Doc();
      const createdAt = new Date().toISOString();
      const made = initializeDocument(occurrence, { title, template: MEETING_TEMPLATE_ID, createdAt }, (fresh) => fillMeetingDocument(fresh, { key, meeting, previousId }));
      if (!made.ok) throw new HTTPException(500, { message: made.message });
      try {
        await store.createDocument({ id, workspaceId: calendar.workspaceId, title, template: MEETING_TEMPLATE_ID, createdAt, updatedAt: createdAt }, Y.encodeStateAsUpdate(occurrence));
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
      await relay.applyServerChange(calendar.id, (calendarDoc) => markOccurrenceCreated(calendarDoc, id, new Date().toISOString()));
      return c.json(result, result.created ? 201 : 200);
    } finally {
      creating.delete(id);
    }
  });
}
