import type * as Y from 'yjs';
import { addNoteSection, writeOccurrenceMeta, type NoteBlock } from '../schema/index.ts';
import { addDataReviewProtocol } from '../templates/data-review.ts';
import { addNextStepsSection } from '../templates/next-steps.ts';
import { bold, bulletList, paragraph, plain } from '../templates/note-blocks.ts';
import { addAgendaTable } from '../templates/roles-working-session.ts';
import { protocolOf, type CalendarMeeting } from './calendar-meeting.ts';
import { formatMeetingDate } from './meeting-date-text.ts';
import type { OccurrenceKey } from './occurrence-id.ts';

/** The `meta.template` of a meeting's document; not offered in the picker, as only a calendar makes one. */
export const MEETING_TEMPLATE_ID = 'meeting';

/** The note that opens a meeting's document; open next steps are shown right under it. */
export const MEETING_DETAILS_SECTION_ID = 'meeting-details';

export interface MeetingDocumentInit {
  readonly key: OccurrenceKey;
  readonly meeting: CalendarMeeting;
  readonly previousId: string | null;
}

export function meetingDocumentTitle(
  meeting: Pick<CalendarMeeting, 'meeting'>,
  date: string,
): string {
  return `${meeting.meeting || 'Meeting'} · ${formatMeetingDate(date)}`;
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function labelled(label: string, value: string): NoteBlock {
  return paragraph([bold(`${label}: `), plain(value || 'not set in the calendar')]);
}

function detailBlocks({ key, meeting }: MeetingDocumentInit): NoteBlock[] {
  const time =
    meeting.time === ''
      ? 'all day'
      : meeting.durationMinutes === null
        ? meeting.time
        : `${meeting.time} (${meeting.durationMinutes} minutes)`;
  const attendees = lines(meeting.attendees);
  const topics = lines(meeting.topics);
  return [
    labelled('Date', formatMeetingDate(key.date)),
    labelled('Time', time),
    labelled('Owner', meeting.owner),
    paragraph([bold('Attendees:')]),
    attendees.length > 0 ? bulletList(attendees) : paragraph('None listed in the calendar yet.'),
    paragraph([bold('Topics:')]),
    topics.length > 0 ? bulletList(topics) : paragraph('None listed in the calendar yet.'),
    paragraph(
      'Open next steps from the previous meeting are listed below; a change there is made in the document each one comes from.',
    ),
  ];
}

function addWorkingSessionAgenda(doc: Y.Doc, meeting: CalendarMeeting): void {
  addAgendaTable(doc, [
    { topic: 'Review open next steps from the last meeting', minutes: 10 },
    ...lines(meeting.topics).map((topic) => ({ topic })),
    { topic: 'Identify next steps and owners', minutes: 10 },
  ]);
}

/**
 * Fills a new meeting document from its calendar row: the details (date, time, owner,
 * attendees, topics), then the protocol that fits the meeting, then its own next steps. Nothing
 * of the previous meeting is copied: its open next steps are read live from their documents.
 * Call inside `initializeDocument` (as its `fill`), on the server, once.
 */
export function fillMeetingDocument(doc: Y.Doc, init: MeetingDocumentInit): void {
  writeOccurrenceMeta(doc, { ...init.key, previousId: init.previousId });
  addNoteSection(doc, {
    id: MEETING_DETAILS_SECTION_ID,
    title: 'This meeting',
    blocks: detailBlocks(init),
  });
  if (protocolOf(init.meeting) === 'data-review') addDataReviewProtocol(doc);
  else addWorkingSessionAgenda(doc, init.meeting);
  addNextStepsSection(doc, {
    title: 'Next steps from this meeting',
    description: 'Who does what by when; the next meeting of this series lists the ones not done.',
  });
}
