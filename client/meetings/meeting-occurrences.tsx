import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type * as Y from 'yjs';
import { localDay } from '#core/follow-ups';
import {
  encodeOccurrenceId,
  formatShortMeetingDate,
  occurrencesAround,
  readCalendarMeetings,
  REPEAT_LABELS,
  type CalendarMeeting,
  type MeetingSchedule,
} from '#core/meetings';
import { readOccurrenceRequests, type OccurrenceRequest } from '#core/schema';
import { rememberDocumentWorkspace } from '../sync/device-store.ts';
import { useOccurrenceOpener, type OccurrenceOpener } from './use-occurrence-opener.ts';
import './meetings.css';
import type { CalendarPanelProps } from './calendar-panel-props.ts';

/** How many dates each meeting lists on either side of today. */
const PAST_SHOWN = 2;
const UPCOMING_SHOWN = 3;

function readRequestsById(doc: Y.Doc): ReadonlyMap<string, OccurrenceRequest> {
  return new Map(readOccurrenceRequests(doc).map((request) => [request.occurrenceId, request]));
}

function useOccurrenceRequests(doc: Y.Doc): ReadonlyMap<string, OccurrenceRequest> {
  const [requests, setRequests] = useState(() => readRequestsById(doc));
  useEffect(() => {
    const update = (): void => setRequests(readRequestsById(doc));
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc]);
  return requests;
}

/**
 * Under the calendar's meetings table: each meeting with a first date lists its recent and coming
 * dates; a date with a document links to it, any other offers to open it.
 */
export function MeetingOccurrences({ doc, calendarId, token, table, readOnly, workspaceId }: CalendarPanelProps) {
  const headingId = useId();
  const requests = useOccurrenceRequests(doc);
  const opener = useOccurrenceOpener(doc, calendarId, token, !readOnly);
  const [today, setToday] = useState(() => localDay(new Date()));
  useEffect(() => {
    const timer = window.setInterval(() => setToday(localDay(new Date())), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  const scheduled = useMemo(() => readCalendarMeetings(table).filter((meeting): meeting is CalendarMeeting & { schedule: MeetingSchedule } => meeting.schedule !== null), [table]);

  return (
    <section className="meeting-occurrences" aria-labelledby={headingId}>
      <h3 id={headingId}>Meetings by date</h3>
      {scheduled.length === 0 ? (
        <p className="empty">Give a meeting a first date (and a repeat) to list its dates here and open each meeting’s own document.</p>
      ) : (
        <ul className="occurrence-meetings">
          {scheduled.map((meeting) => (
            <MeetingDates key={meeting.rowId} meeting={meeting} calendarId={calendarId} today={today} requests={requests} opener={opener} readOnly={readOnly} workspaceId={workspaceId} />
          ))}
        </ul>
      )}
    </section>
  );
}

interface MeetingDatesProps {
  readonly meeting: CalendarMeeting & { readonly schedule: MeetingSchedule };
  readonly calendarId: string;
  readonly today: string;
  readonly requests: ReadonlyMap<string, OccurrenceRequest>;
  readonly opener: OccurrenceOpener;
  readonly readOnly: boolean;
  readonly workspaceId: string | null;
}

function MeetingDates({ meeting, calendarId, today, requests, opener, readOnly, workspaceId }: MeetingDatesProps) {
  const [, navigate] = useLocation();
  const [message, setMessage] = useState<string | null>(null);
  const { past, upcoming } = occurrencesAround(meeting.schedule, today, { past: PAST_SHOWN, upcoming: UPCOMING_SHOWN });
  const name = meeting.meeting || 'Unnamed meeting';
  const remember = (id: string): void => {
    if (workspaceId !== null) rememberDocumentWorkspace(id, workspaceId);
  };

  const press = async (date: string): Promise<void> => {
    setMessage(null);
    const result = await opener.open({ calendarId, rowId: meeting.rowId, date });
    if (result.kind === 'opened') {
      remember(result.id);
      navigate(`/d/${result.id}`);
    } else if (result.kind === 'saved-offline') {
      setMessage(`You are offline: the meeting of ${formatShortMeetingDate(date)} will be created when this device is back online, once for everyone.`);
    } else {
      setMessage(result.reason);
    }
  };

  const dateItem = (date: string, when: 'past' | 'upcoming') => {
    const id = encodeOccurrenceId({ calendarId, rowId: meeting.rowId, date });
    const request = requests.get(id);
    const label = formatShortMeetingDate(date);
    const refused = opener.refused.get(id);
    return (
      <li key={date} className={`occurrence ${when}`}>
        {request?.createdAt != null ? (
          <Link href={`/d/${id}`} onClick={() => remember(id)}>
            Meeting of {label}
          </Link>
        ) : (
          <>
            {readOnly ? (
              <span className="occurrence-date">{label}</span>
            ) : (
              <button type="button" className="quiet" aria-label={`Open the meeting of ${label}: ${name}`} onClick={() => void press(date)}>
                Open the meeting of {label}
              </button>
            )}
            {request !== undefined && refused === undefined && <span className="occurrence-pending"> · asked for; created once online</span>}
            {refused !== undefined && <span className="form-error"> {refused}</span>}
          </>
        )}
      </li>
    );
  };

  return (
    <li className="occurrence-meeting">
      <h4>{name}</h4>
      <p className="occurrence-schedule">
        {REPEAT_LABELS[meeting.schedule.repeat]}
        {meeting.schedule.repeat === 'none' ? ', ' : ' from '}
        {formatShortMeetingDate(meeting.schedule.firstDate)}
        {meeting.time !== '' && ` at ${meeting.time}`}
        {meeting.owner !== '' && ` · owner ${meeting.owner}`}
      </p>
      <div className="occurrence-lists">
        {past.length > 0 && (
          <div>
            <h5>Past</h5>
            <ul className="occurrence-dates">{past.map((date) => dateItem(date, 'past'))}</ul>
          </div>
        )}
        <div>
          <h5>Coming</h5>
          {upcoming.length > 0 ? <ul className="occurrence-dates">{upcoming.map((date) => dateItem(date, 'upcoming'))}</ul> : <p className="empty">No more dates.</p>}
        </div>
      </div>
      {message !== null && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
    </li>
  );
}
