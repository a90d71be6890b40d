import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { collectFollowUps } from '../../../core/follow-ups/index.ts';
import {
  decodeOccurrenceId,
  encodeOccurrenceId,
  fillMeetingDocument,
  findPreviousOccurrence,
  listLinkedDocuments,
  MEETING_TEMPLATE_ID,
  protocolOf,
  readCalendarMeetings,
} from '../../../core/meetings/index.ts';
import {
  addNoteSection,
  initializeDocument,
  markOccurrenceCreated,
  readDocument,
  readOccurrenceMeta,
  readOccurrenceRequests,
  readTable,
  requestOccurrence,
  writeOccurrenceMeta,
} from '../../../core/schema/index.ts';
import {
  AGENDA_SECTION_ID,
  createDocument,
  MEETINGS_SECTION_ID,
  NEXT_STEPS_SECTION_ID,
} from '../../../core/templates/index.ts';

function calendarMeetings() {
  const doc = new Y.Doc();
  createDocument(doc, { template: 'meeting-calendar' });
  return readCalendarMeetings(readTable(doc, MEETINGS_SECTION_ID)!.value);
}

describe('occurrence ids', () => {
  it('names the same document for the same calendar, row and date, and reads back', () => {
    const key = { calendarId: 'Ab_c-12', rowId: 'k3j9x0a2b', date: '2026-01-14' };
    expect(encodeOccurrenceId(key)).toBe('Ab_c-12.k3j9x0a2b.2026-01-14');
    expect(decodeOccurrenceId(encodeOccurrenceId(key))).toEqual(key);
  });

  it('refuses ids that are not occurrences', () => {
    for (const id of [
      'plainRandomId',
      'a.b',
      'a.B.2026-01-14',
      'a.b.2026-02-30',
      'a/b.c.2026-01-14',
      'a.b.c.2026-01-14',
    ])
      expect(decodeOccurrenceId(id)).toBeNull();
  });

  it('finds the latest earlier meeting of the same row among the documents, passing over skipped dates', () => {
    const ids = [
      'cal.row1.2026-01-07',
      'cal.row1.2026-01-21',
      'cal.row2.2026-01-27',
      'other.row1.2026-01-26',
      'cal.row1.2026-02-04',
      'randomDocId',
    ];
    expect(
      findPreviousOccurrence({ calendarId: 'cal', rowId: 'row1', date: '2026-02-04' }, ids),
    ).toBe('cal.row1.2026-01-21');
    expect(
      findPreviousOccurrence({ calendarId: 'cal', rowId: 'row1', date: '2026-01-07' }, ids),
    ).toBeNull();
  });
});

describe('a meeting document from a calendar row', () => {
  it('picks the data-review protocol for a meeting about numbers and an agenda otherwise', () => {
    const byName = new Map(
      calendarMeetings().map((meeting) => [meeting.meeting, protocolOf(meeting)]),
    );
    expect(byName.get('Operational update')).toBe('data-review');
    expect(byName.get('Student progress update')).toBe('working-session');
    expect(byName.get('MOU renegotiation')).toBe('working-session');
  });

  it('is prefilled with the date, time, owner, attendees and topics, and records its occurrence', () => {
    const progress = calendarMeetings().find(
      (meeting) => meeting.meeting === 'Student progress update',
    )!;
    const meeting = { ...progress, owner: 'Dana Reyes', time: '15:30' };
    const doc = new Y.Doc();
    const key = { calendarId: 'cal', rowId: meeting.rowId, date: '2026-01-14' };
    initializeDocument(doc, { title: 'x', template: MEETING_TEMPLATE_ID }, (d) =>
      fillMeetingDocument(d, { key, meeting, previousId: 'cal.r.2025-12-31' }),
    );
    const view = readDocument(doc);
    expect(view.problems).toEqual([]);
    const text = JSON.stringify(view.value.sections[0]);
    for (const expected of [
      'Wednesday, January 14, 2026',
      '15:30 (60 minutes)',
      'Dana Reyes',
      'School-employed mental health providers',
      'Track how services',
    ])
      expect(text).toContain(expected);
    expect(view.value.sections.map((section) => section.id)).toEqual([
      'meeting-details',
      AGENDA_SECTION_ID,
      NEXT_STEPS_SECTION_ID,
    ]);
    expect(readOccurrenceMeta(doc).value).toEqual({ ...key, previousId: 'cal.r.2025-12-31' });
    expect(collectFollowUps(view.value, { documentId: 'd', documentTitle: 't' })).toEqual([]);
  });

  it('reads a malformed occurrence as a problem rather than throwing', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('occurrence', 'not an object');
    expect(readOccurrenceMeta(doc).value).toBeNull();
    expect(readOccurrenceMeta(doc).problems).toHaveLength(1);
    writeOccurrenceMeta(doc, { calendarId: 'c', rowId: 'r', date: '2026-01-01', previousId: null });
    expect(readOccurrenceMeta(doc).value?.previousId).toBeNull();
  });
});

describe('requests to open a meeting', () => {
  it('merge to one request per occurrence when two replicas ask at once, one of them offline', () => {
    const online = new Y.Doc();
    const offline = new Y.Doc();
    requestOccurrence(online, 'cal.r.2026-01-14', '2026-01-14T09:00:00Z');
    markOccurrenceCreated(online, 'cal.r.2026-01-14', '2026-01-14T09:00:01Z');
    requestOccurrence(offline, 'cal.r.2026-01-14', '2026-01-14T09:00:00.500Z');
    Y.applyUpdate(online, Y.encodeStateAsUpdate(offline));
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(online));
    const [fromOnline, fromOffline] = [
      readOccurrenceRequests(online),
      readOccurrenceRequests(offline),
    ];
    expect(fromOnline).toEqual(fromOffline);
    expect(fromOnline).toHaveLength(1);
    // Whichever write won, a client that sees no creation time asks the server again, which is idempotent.
    markOccurrenceCreated(offline, 'cal.r.2026-01-14', '2026-01-14T10:00:00Z');
    expect(readOccurrenceRequests(offline)[0]!.createdAt).not.toBeNull();
  });

  it('skips malformed entries a hostile peer wrote', () => {
    const doc = new Y.Doc();
    doc.getMap('occurrenceRequests').set('x', 42);
    doc.getMap('occurrenceRequests').set('y', { requestedAt: 7 });
    requestOccurrence(doc, 'cal.r.2026-01-14', 'now');
    expect(readOccurrenceRequests(doc).map((request) => request.occurrenceId)).toEqual([
      'cal.r.2026-01-14',
    ]);
  });
});

describe('linked documents', () => {
  it('lists each document a note links to once, absolute or relative, and not the document itself', () => {
    const doc = new Y.Doc();
    initializeDocument(doc, { title: 't', template: null }, (d) =>
      addNoteSection(d, {
        title: 'Links',
        blocks: [
          {
            type: 'paragraph',
            content: [
              { text: 'review', link: '/d/review1#section-metrics' },
              { text: ' self', link: '/d/me' },
            ],
          },
          {
            type: 'bulletList',
            items: [
              [
                {
                  type: 'paragraph',
                  content: [
                    { text: 'roles', link: 'https://pathways.example.org/d/roles.r1.2026-01-01' },
                  ],
                },
              ],
            ],
          },
          {
            type: 'paragraph',
            content: [
              { text: 'again', link: 'http://x/d/review1' },
              { text: 'elsewhere', link: 'https://example.org/docs/d' },
            ],
          },
        ],
      }),
    );
    expect(listLinkedDocuments(readDocument(doc).value, 'me')).toEqual([
      'review1',
      'roles.r1.2026-01-01',
    ]);
  });
});
