import ical, { escape as escapeIcalText } from 'ical-generator';
import type { DocumentView, RowView, TableView } from '../schema/index.ts';
import { isIsoDate, type Column } from '../tables/index.ts';
import { MEETING_COLUMNS, REPEAT_OPTIONS } from '../schema/meeting-calendar-columns.ts';
import { cellText } from './cell-text.ts';

export interface IcsOptions {
  /** The calendar's name in the reader's calendar list; defaults to the document title. */
  readonly calendarName?: string;
  /** DTSTAMP of every event, i.e. when the file was made; defaults to the current time. */
  readonly now?: Date;
  /**
   * Added to every UID when given. Row ids are random, but a template may one day ship rows with
   * fixed ids, and then two documents made from it would share UIDs and overwrite each other's
   * meetings in a calendar that imports both.
   */
  readonly documentId?: string;
}

export interface SkippedRow {
  readonly rowId: string;
  /** Says which meeting and what to fix, e.g. `"Data review": the first date "next fall" is not a calendar date like 2027-09-14`. */
  readonly reason: string;
}

export interface IcsExport {
  readonly ics: string;
  /** Rows that could not become events, in table order, so the person exporting can fix them. */
  readonly skipped: readonly SkippedRow[];
}

const PRODUCT_ID = '//Pathways//Meeting calendar//EN';
const DEFAULT_DURATION_MINUTES = 60;
const TIME = /^(\d{1,2}):(\d{2})$/;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The meeting calendar as iCalendar (RFC 5545): one VEVENT per row of the meetings table (the
 * table with the `meeting` and `first-date` columns), dated by its first date and time, lasting
 * its duration (60 minutes when blank), repeating by its repeat choice.
 *
 * Times are floating (no time zone, no "Z"): a 9:00 meeting is at 9:00 wherever the district is,
 * which is what the table means, and no zone has to be guessed. A blank time makes an all-day
 * event. Each event's UID comes from its row id, so importing the file again updates the
 * meetings instead of adding copies. Rows without a calendar date, or with a time that is not
 * 24-hour "HH:MM", are left out and listed in `skipped` with the reason.
 */
export function exportIcs(view: DocumentView, options: IcsOptions = {}): IcsExport {
  const now = options.now ?? new Date();
  const name = options.calendarName ?? (view.meta.title.trim() || 'Pathways meetings');
  // ical-generator writes NAME and X-WR-CALNAME unescaped (v10.2.0), so a comma, semicolon or
  // line break in a title would corrupt the file; escape it here as the TEXT value it is.
  const calendar = ical({ prodId: PRODUCT_ID, name: escapeIcalText(name, false) });
  const skipped: SkippedRow[] = [];
  const table = findMeetingTable(view);
  const meetings =
    table === null ? [] : table.rows.map((row) => ({ row, meeting: readMeeting(row, table) }));
  for (const { row, meeting } of meetings) {
    if ('reason' in meeting) {
      skipped.push({ rowId: row.id, reason: meeting.reason });
      continue;
    }
    calendar.createEvent({
      id: eventUid(row.id, options.documentId),
      stamp: now,
      start: meeting.start,
      end: meeting.end,
      allDay: meeting.allDay,
      floating: !meeting.allDay,
      summary: meeting.title,
      description: meeting.description === '' ? null : meeting.description,
      // A raw rule from REPEAT_OPTIONS; ical-generator writes it as "RRULE:" plus the string.
      repeating: meeting.rrule,
    });
  }
  // Every content line ends in CRLF (RFC 5545 §3.1), the last one included; ical-generator stops short of it.
  return { ics: calendar.toString() + '\r\n', skipped };
}

function findMeetingTable(view: DocumentView): TableView | null {
  for (const section of view.sections) {
    if (section.kind !== 'table') continue;
    const ids = new Set(section.table.columns.map((column) => column.id));
    if (ids.has(MEETING_COLUMNS.meeting) && ids.has(MEETING_COLUMNS.firstDate))
      return section.table;
  }
  return null;
}

/**
 * A UID that is the same on every export of the row and is a safe TEXT value: ical-generator
 * writes the UID unescaped, and a row id from another client could hold a line break.
 */
function eventUid(rowId: string, documentId: string | undefined): string {
  const local = documentId === undefined ? rowId : `${rowId}.${documentId}`;
  return `${encodeURIComponent(local)}@pathways`;
}

interface Meeting {
  readonly title: string;
  readonly description: string;
  readonly allDay: boolean;
  /** Wall-clock date and time carried in the UTC fields of a Date; see `wallClock`. */
  readonly start: Date;
  readonly end: Date;
  readonly rrule: string | null;
}

/** The row as a meeting, or why it cannot be one. */
function readMeeting(row: RowView, table: TableView): Meeting | { readonly reason: string } {
  const text = (columnId: string): string => {
    const column = table.columns.find((candidate) => candidate.id === columnId);
    return column === undefined ? '' : cellText(row.cells[columnId], column).trim();
  };
  const typedTitle = text(MEETING_COLUMNS.meeting);
  const firstDate = text(MEETING_COLUMNS.firstDate);
  const time = text(MEETING_COLUMNS.time);
  const title = typedTitle || 'Untitled meeting';
  const named = `"${title}"`;

  if (firstDate === '' && typedTitle === '')
    return { reason: 'an empty row: no meeting name and no first date' };
  if (firstDate === '')
    return { reason: `${named} has no first date yet, so it is not in the calendar` };
  if (!isIsoDate(firstDate))
    return {
      reason: `${named}: the first date "${firstDate}" is not a calendar date like 2027-09-14`,
    };
  const [year, month, day] = firstDate.split('-').map(Number) as [number, number, number];

  let start: Date;
  let end: Date;
  const allDay = time === '';
  if (allDay) {
    start = wallClock(year, month, day, 0, 0);
    end = new Date(start.getTime() + DAY_MS);
  } else {
    const match = TIME.exec(time);
    const [hours, minutes] = match === null ? [NaN, NaN] : [Number(match[1]), Number(match[2])];
    if (!(hours >= 0 && hours < 24 && minutes >= 0 && minutes < 60)) {
      return { reason: `${named}: the time "${time}" is not a 24-hour time like 09:00 or 15:30` };
    }
    start = wallClock(year, month, day, hours, minutes);
    end = new Date(start.getTime() + durationMinutes(row) * MINUTE_MS);
  }

  return {
    title,
    description: describe(text, repeatLabel(row, table)),
    allDay,
    start,
    end,
    rrule: repeatRule(row),
  };
}

/**
 * A local date and time with no zone, held in a Date's UTC fields. ical-generator formats a Date
 * without a calendar time zone from its UTC fields and, for a floating event, leaves off the
 * "Z", so this prints exactly the wall-clock time whatever zone the exporting machine is in.
 */
function wallClock(year: number, month: number, day: number, hours: number, minutes: number): Date {
  return new Date(Date.UTC(year, month - 1, day, hours, minutes));
}

function durationMinutes(row: RowView): number {
  const cell = row.cells[MEETING_COLUMNS.duration];
  const value = cell?.kind === 'minutes' || cell?.kind === 'number' ? cell.value : null;
  return value !== null && value > 0 ? value : DEFAULT_DURATION_MINUTES;
}

/** The RRULE of the row's repeat option; null for "does not repeat", a blank cell, or an option the toolkit did not define. */
function repeatRule(row: RowView): string | null {
  const cell = row.cells[MEETING_COLUMNS.repeat];
  if (cell?.kind !== 'choice' || cell.optionId === null) return null;
  return REPEAT_OPTIONS.find((option) => option.id === cell.optionId)?.rrule ?? null;
}

/** The label of a repeat option added in the document, which has no rule: the description says it instead. */
function repeatLabel(row: RowView, table: TableView): string {
  const cell = row.cells[MEETING_COLUMNS.repeat];
  const column: Column | undefined = table.columns.find(
    (candidate) => candidate.id === MEETING_COLUMNS.repeat,
  );
  if (column === undefined || cell?.kind !== 'choice' || cell.optionId === null) return '';
  if (REPEAT_OPTIONS.some((option) => option.id === cell.optionId)) return '';
  return cellText(cell, column);
}

function describe(text: (columnId: string) => string, unknownRepeat: string): string {
  const lines: Array<[string, string]> = [
    ['Topics', text(MEETING_COLUMNS.topics)],
    ['Attendees', text(MEETING_COLUMNS.attendees)],
    ['Frequency', text(MEETING_COLUMNS.frequency)],
    ['Repeats', unknownRepeat],
    ['Owner', text(MEETING_COLUMNS.owner)],
  ];
  return lines
    .filter(([, value]) => value !== '')
    .map(([label, value]) => `${label}: ${value}`)
    .join('\n');
}
