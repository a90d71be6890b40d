import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import type * as Y from 'yjs';
import { addNoteSection, addTableSection, type RowInit } from '../../../core/schema/index.ts';
import type { ColumnSpec } from '../../../core/tables/index.ts';
import { exportIcs, type IcsOptions } from '../../../core/export/index.ts';
import { buildDocument, mustAddRow } from './build-document.ts';

/**
 * The meeting calendar's columns, by the ids that core/schema/meeting-calendar-columns.ts fixes
 * as part of the document format. Spelled out here so a renamed id fails this test.
 */
const MEETING_TABLE_COLUMNS: ColumnSpec[] = [
  { id: 'meeting', kind: 'text', title: 'Meeting' },
  { id: 'frequency', kind: 'text', title: 'Frequency' },
  { id: 'attendees', kind: 'text', title: 'Attendees' },
  { id: 'topics', kind: 'text', title: 'Topics' },
  { id: 'owner', kind: 'person', title: 'Owner' },
  { id: 'first-date', kind: 'date', title: 'First date' },
  { id: 'time', kind: 'text', title: 'Time' },
  { id: 'duration', kind: 'minutes', title: 'Duration' },
  {
    id: 'repeat',
    kind: 'choice',
    title: 'Repeats',
    options: [
      { id: 'none', label: 'Does not repeat' },
      { id: 'weekly', label: 'Every week' },
      { id: 'every-2-months', label: 'Every 2 months' },
      { id: 'quarterly', label: 'Every quarter' },
    ],
  },
];

const NOW = new Date('2027-08-01T12:34:56Z');

function calendarOf(
  rows: RowInit[],
  options: IcsOptions = { now: NOW },
  title = 'Partnership meetings',
) {
  const view = buildDocument(title, (doc: Y.Doc) => {
    addNoteSection(doc, { title: 'Intro' });
    const id = addTableSection(doc, { title: 'Meetings', columns: MEETING_TABLE_COLUMNS });
    for (const row of rows) mustAddRow(doc, id, row);
  });
  const result = exportIcs(view, options);
  const calendar = new ICAL.Component(ICAL.parse(result.ics));
  const events = calendar
    .getAllSubcomponents('vevent')
    .map((vevent) => ({ vevent, event: new ICAL.Event(vevent) }));
  return { ...result, calendar, events };
}

const dataReview: RowInit = {
  id: 'row-data-review',
  values: {
    meeting: 'Monthly data review',
    'first-date': '2027-09-14',
    time: '09:00',
    duration: 45,
    repeat: 'every-2-months',
    topics: 'Referrals, follow-ups; wait times',
    attendees: 'Counselors and providers',
    frequency: 'Every other month',
    owner: 'Dana Lee',
  },
};

describe('events', () => {
  test('one event per meeting row with a first date, titled by the meeting', () => {
    const { events } = calendarOf([
      dataReview,
      { values: { meeting: 'Kickoff', 'first-date': '2027-08-30', time: '13:30' } },
    ]);
    expect(events.map(({ event }) => event.summary)).toEqual(['Monthly data review', 'Kickoff']);
  });

  test('starts at the first date and time as floating local time, with no zone and no Z', () => {
    const { events, ics } = calendarOf([dataReview]);
    const start = events[0]!.event.startDate;
    expect(start.toString()).toBe('2027-09-14T09:00:00');
    expect(start.isDate).toBe(false);
    expect(start.zone?.tzid).toBe('floating');
    expect(ics).toContain('\r\nDTSTART:20270914T090000\r\n');
    expect(ics).not.toContain('TZID');
  });

  test('writes the same wall-clock time whatever time zone the exporting machine is in', () => {
    const previous = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const far = calendarOf([dataReview]).ics;
      process.env.TZ = 'America/Los_Angeles';
      expect(calendarOf([dataReview]).ics).toBe(far);
      expect(far).toContain('DTSTART:20270914T090000');
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  test('lasts the minutes of the duration column, or an hour when it is blank', () => {
    const { events } = calendarOf([
      dataReview,
      { values: { meeting: 'No length', 'first-date': '2027-09-01', time: '15:00' } },
    ]);
    expect(events[0]!.event.duration.toSeconds()).toBe(45 * 60);
    expect(events[0]!.event.endDate.toString()).toBe('2027-09-14T09:45:00');
    expect(events[1]!.event.duration.toSeconds()).toBe(60 * 60);
  });

  test('a meeting without a time is an all-day event on its date', () => {
    const { events } = calendarOf([
      { values: { meeting: 'Training day', 'first-date': '2027-10-08', duration: 30 } },
    ]);
    const { event } = events[0]!;
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2027-10-08');
    expect(event.endDate.toString()).toBe('2027-10-09');
  });

  test('repeats by the rule of the repeat choice', () => {
    const { events } = calendarOf([
      dataReview,
      {
        values: {
          meeting: 'Weekly huddle',
          'first-date': '2027-09-06',
          time: '8:15',
          repeat: 'weekly',
        },
      },
      { values: { meeting: 'One-off', 'first-date': '2027-09-07', time: '10:00', repeat: 'none' } },
      { values: { meeting: 'No choice', 'first-date': '2027-09-08', time: '10:00' } },
    ]);
    const rules = events.map(
      ({ vevent }) => vevent.getFirstPropertyValue('rrule')?.toString() ?? null,
    );
    expect(rules).toEqual(['FREQ=MONTHLY;INTERVAL=2', 'FREQ=WEEKLY', null, null]);
    expect(events[1]!.event.startDate.toString()).toBe('2027-09-06T08:15:00');
    const next = events[0]!.event.iterator();
    expect([next.next()?.toString(), next.next()?.toString()]).toEqual([
      '2027-09-14T09:00:00',
      '2027-11-14T09:00:00',
    ]);
  });

  test('a repeat option added in the document is not guessed at but named in the description', () => {
    const { events } = calendarOf([
      {
        values: {
          meeting: 'Board update',
          'first-date': '2027-09-20',
          time: '18:00',
          repeat: 'quarterly',
        },
      },
    ]);
    expect(events[0]!.event.isRecurring()).toBe(false);
    expect(events[0]!.event.description).toBe('Repeats: Every quarter');
  });

  test('the description lists topics, attendees, frequency and owner', () => {
    const { events } = calendarOf([dataReview]);
    expect(events[0]!.event.description).toBe(
      'Topics: Referrals, follow-ups; wait times\nAttendees: Counselors and providers\nFrequency: Every other month\nOwner: Dana Lee',
    );
  });
});

describe('re-importing', () => {
  test('each event has a UID from its row, the same on every export', () => {
    const first = calendarOf([dataReview]);
    const later = calendarOf([dataReview], { now: new Date('2028-01-01T00:00:00Z') });
    expect(first.events[0]!.event.uid).toBe('row-data-review@pathways');
    expect(later.events[0]!.event.uid).toBe('row-data-review@pathways');
  });

  test('a document id, when given, is part of every UID', () => {
    const { events } = calendarOf([dataReview], { now: NOW, documentId: 'doc42' });
    expect(events[0]!.event.uid).toBe('row-data-review.doc42@pathways');
  });

  test('the time stamp is the export time given', () => {
    const { events } = calendarOf([dataReview]);
    expect(events[0]!.vevent.getFirstPropertyValue('dtstamp')?.toString()).toBe(
      '2027-08-01T12:34:56Z',
    );
  });
});

describe('rows that cannot be events', () => {
  test('are left out and listed with a reason that names the meeting and what to fix', () => {
    const { events, skipped } = calendarOf([
      { id: 'no-date', values: { meeting: 'Family night' } },
      {
        id: 'free-date',
        values: { meeting: 'Spring check-in', 'first-date': 'Beginning of next semester' },
      },
      { id: 'bad-time', values: { meeting: 'Huddle', 'first-date': '2027-09-01', time: '9am' } },
      { id: 'late-time', values: { meeting: 'Late', 'first-date': '2027-09-01', time: '24:00' } },
      { id: 'empty' },
      dataReview,
    ]);
    expect(events.map(({ event }) => event.summary)).toEqual(['Monthly data review']);
    expect(skipped).toEqual([
      {
        rowId: 'no-date',
        reason: '"Family night" has no first date yet, so it is not in the calendar',
      },
      {
        rowId: 'free-date',
        reason:
          '"Spring check-in": the first date "Beginning of next semester" is not a calendar date like 2027-09-14',
      },
      {
        rowId: 'bad-time',
        reason: '"Huddle": the time "9am" is not a 24-hour time like 09:00 or 15:30',
      },
      {
        rowId: 'late-time',
        reason: '"Late": the time "24:00" is not a 24-hour time like 09:00 or 15:30',
      },
      { rowId: 'empty', reason: 'an empty row: no meeting name and no first date' },
    ]);
  });

  test('a document without a meeting table gives an empty calendar and nothing skipped', () => {
    const view = buildDocument('Notes only', (doc) => addNoteSection(doc, { title: 'Intro' }));
    const { ics, skipped } = exportIcs(view, { now: NOW });
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(0);
    expect(skipped).toEqual([]);
  });
});

describe('RFC 5545 text', () => {
  const longTopics = 'Référence croisée des services de santé mentale 🧠 pour les écoles — '
    .repeat(4)
    .trim();
  const { ics, calendar, events } = calendarOf(
    [
      {
        id: 'evil\r\nX-INJECTED:1',
        values: {
          meeting: 'Line one\nLine two; with, commas',
          'first-date': '2027-09-14',
          time: '09:00',
          topics: longTopics,
        },
      },
    ],
    { now: NOW, calendarName: 'Fall, 2027; district\nX-INJECTED:1' },
  );

  test('every line ends in CRLF, the last one included', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  test('long lines are folded at 75 octets without splitting a character', () => {
    const lines = ics.split('\r\n');
    const octets = new TextEncoder();
    for (const line of lines) expect(octets.encode(line).length).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(events[0]!.event.description).toBe(`Topics: ${longTopics}`);
  });

  test('commas, semicolons and line breaks in names and titles are escaped, never new properties', () => {
    expect(ics).not.toMatch(/^X-INJECTED/m);
    // ical.js reads X- properties raw, so the escaped TEXT is checked as written.
    expect(ics).toContain('\r\nX-WR-CALNAME:Fall\\, 2027\\; district\\nX-INJECTED:1\r\n');
    expect(ics).toContain('\r\nNAME:Fall\\, 2027\\; district\\nX-INJECTED:1\r\n');
    expect(events[0]!.event.summary).toBe('Line one\nLine two; with, commas');
    expect(events[0]!.event.uid).toBe('evil%0D%0AX-INJECTED%3A1@pathways');
  });

  test('the calendar names itself after the document unless told otherwise', () => {
    expect(calendarOf([dataReview]).calendar.getFirstPropertyValue('x-wr-calname')).toBe(
      'Partnership meetings',
    );
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Pathways//Meeting calendar//EN');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  });
});
