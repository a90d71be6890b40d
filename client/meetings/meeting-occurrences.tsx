import { useId, useMemo } from 'react';
import {
  formatShortMeetingDate,
  readCalendarMeetings,
  REPEAT_LABELS,
  type CalendarMeeting,
  type MeetingSchedule,
} from '#core/meetings';
import type { TableView } from '#core/schema';
import { OccurrenceDates, type OccurrenceContext } from './occurrence-dates.tsx';
import './meetings.css';

interface MeetingOccurrencesProps {
  readonly table: TableView;
  readonly context: OccurrenceContext;
}

/**
 * Under the calendar's meetings table: each meeting with a first date lists its recent and coming
 * dates; a date with a document links to it, any other offers to open it.
 */
export function MeetingOccurrences({ table, context }: MeetingOccurrencesProps) {
  const headingId = useId();
  const scheduled = useMemo(
    () =>
      readCalendarMeetings(table).filter(
        (meeting): meeting is CalendarMeeting & { schedule: MeetingSchedule } =>
          meeting.schedule !== null,
      ),
    [table],
  );

  return (
    <section className="meeting-occurrences" aria-labelledby={headingId}>
      <h3 id={headingId}>Meetings by date</h3>
      {scheduled.length === 0 ? (
        <p className="empty">
          Give a meeting a first date (and a repeat) to list its dates here and open each meeting’s
          own document.
        </p>
      ) : (
        <ul className="occurrence-meetings">
          {scheduled.map((meeting) => (
            <li key={meeting.rowId} className="occurrence-meeting">
              <h4>{meeting.meeting || 'Unnamed meeting'}</h4>
              <p className="occurrence-schedule">
                {REPEAT_LABELS[meeting.schedule.repeat]}
                {meeting.schedule.repeat === 'none' ? ', ' : ' from '}
                {formatShortMeetingDate(meeting.schedule.firstDate)}
                {meeting.time !== '' && ` at ${meeting.time}`}
                {meeting.owner !== '' && ` · owner ${meeting.owner}`}
              </p>
              <OccurrenceDates meeting={meeting} context={context} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
