import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import {
  adaptDistrictMeetings,
  readCalendarMeeting,
  schoolMeetingAsCalendarMeeting,
  type CalendarMeeting,
} from '#core/meetings';
import { readAdaptation, readDistrictCalendarLink, readSchoolPlan, readTable } from '#core/schema';
import { MEETINGS_SECTION_ID } from '#core/templates';
import type { Relay } from '../relay/relay.ts';
import type { DocumentRecord, DocumentStore } from '../storage/document-store.ts';

async function readDoc(relay: Relay, documentId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await relay.readState(documentId));
  return doc;
}

/**
 * The meeting in row `rowId` of `calendar` as its document is prefilled: a row of the calendar's
 * own meetings table, or, on a school's calendar, a district meeting with the school's owner,
 * time and first date (read live from the district calendar, which must be in the same
 * workspace). Refusals are 400s a person can act on.
 */
export async function resolveOccurrenceMeeting(
  store: DocumentStore,
  relay: Relay,
  calendar: DocumentRecord,
  rowId: string,
): Promise<CalendarMeeting> {
  const doc = await readDoc(relay, calendar.id);
  try {
    const table = readTable(doc, MEETINGS_SECTION_ID)?.value ?? null;
    if (table === null)
      throw new HTTPException(400, {
        message: 'This document has no meetings table: open a meeting from a meeting calendar.',
      });
    const own = table.rows.find((candidate) => candidate.id === rowId);
    if (own !== undefined) return readCalendarMeeting(own);
    const link = readDistrictCalendarLink(doc);
    const notFound = `"row" ${JSON.stringify(rowId)} is not a row of this calendar's meetings table${link === null ? '' : " nor of the district's"} (it may have been deleted).`;
    if (link === null) throw new HTTPException(400, { message: notFound });
    const districtRecord = await store.getDocument(link.calendarId);
    if (districtRecord === null || districtRecord.workspaceId !== calendar.workspaceId)
      throw new HTTPException(400, {
        message: "This school calendar's district calendar is not in this workspace any more.",
      });
    const district = await readDoc(relay, link.calendarId);
    try {
      const row = readTable(district, MEETINGS_SECTION_ID)?.value.rows.find(
        (candidate) => candidate.id === rowId,
      );
      if (row === undefined) throw new HTTPException(400, { message: notFound });
      const [meeting] = adaptDistrictMeetings(
        [readCalendarMeeting(row)],
        readSchoolPlan(district),
        (id) => readAdaptation(doc, id),
      );
      if (meeting!.dropped)
        throw new HTTPException(400, {
          message: `"${meeting!.district.meeting}" is not held at ${link.school}, so it has no dates to open there.`,
        });
      return schoolMeetingAsCalendarMeeting(meeting!);
    } finally {
      district.destroy();
    }
  } finally {
    doc.destroy();
  }
}
