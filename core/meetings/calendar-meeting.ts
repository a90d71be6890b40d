import type { RowView, TableView } from '../schema/index.ts';
import type { CellValue } from '../tables/index.ts';
import {
  MEETING_COLUMNS,
  REPEAT_OPTIONS,
  type RepeatOptionId,
} from '../schema/meeting-calendar-columns.ts';
import { parseIsoDate } from './civil-date.ts';
import type { MeetingSchedule } from './occurrences.ts';

/** One row of the meeting calendar, as the meeting's own document is prefilled from it. */
export interface CalendarMeeting {
  readonly rowId: string;
  readonly meeting: string;
  readonly owner: string;
  readonly attendees: string;
  readonly topics: string;
  /** `HH:MM`, or '' for an all-day meeting. */
  readonly time: string;
  readonly durationMinutes: number | null;
  /** Null until the row has a first date that is a calendar date. */
  readonly schedule: MeetingSchedule | null;
}

function text(cell: CellValue | undefined): string {
  return cell !== undefined &&
    (cell.kind === 'text' || cell.kind === 'person' || cell.kind === 'date')
    ? cell.text.trim()
    : '';
}

function repeatOf(cell: CellValue | undefined): RepeatOptionId {
  const id = cell?.kind === 'choice' ? cell.optionId : null;
  return REPEAT_OPTIONS.find((option) => option.id === id)?.id ?? 'none';
}

export function readCalendarMeeting(row: RowView): CalendarMeeting {
  const c = MEETING_COLUMNS;
  const firstDate = text(row.cells[c.firstDate]);
  const duration = row.cells[c.duration];
  return {
    rowId: row.id,
    meeting: text(row.cells[c.meeting]),
    owner: text(row.cells[c.owner]),
    attendees: text(row.cells[c.attendees]),
    topics: text(row.cells[c.topics]),
    time: text(row.cells[c.time]),
    durationMinutes:
      duration?.kind === 'minutes' && duration.value !== null ? duration.value : null,
    schedule:
      parseIsoDate(firstDate) === null
        ? null
        : { firstDate, repeat: repeatOf(row.cells[c.repeat]) },
  };
}

/** Every row of the calendar's meetings table, in its order. */
export function readCalendarMeetings(table: TableView): CalendarMeeting[] {
  return table.rows.map(readCalendarMeeting);
}

/**
 * Which protocol a meeting's document starts from. A meeting that looks at numbers (its name or
 * topics speak of data, of students referred, or it is the seed's operational update) runs the
 * data-review protocol; every other meeting runs a working-session agenda built from its topics.
 */
export type MeetingProtocol = 'data-review' | 'working-session';

const DATA_REVIEW_WORDS =
  /\bdata\b|\breferr(?:ed|als?)\b|\boperational update\b|\bKPIs?\b|\bmetrics?\b/i;

export function protocolOf(meeting: Pick<CalendarMeeting, 'meeting' | 'topics'>): MeetingProtocol {
  return DATA_REVIEW_WORDS.test(`${meeting.meeting}\n${meeting.topics}`)
    ? 'data-review'
    : 'working-session';
}
