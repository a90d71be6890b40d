import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import {
  encodeOccurrenceId,
  formatShortMeetingDate,
  occurrencesAround,
  type CalendarMeeting,
  type MeetingSchedule,
} from '#core/meetings';
import type { OccurrenceRequest } from '#core/schema';
import { rememberDocumentWorkspace } from '../sync/device-store.ts';
import type { OccurrenceOpener } from './use-occurrence-opener.ts';

/** How many dates each meeting lists on either side of today. */
const PAST_SHOWN = 2;
const UPCOMING_SHOWN = 3;

/** What every list of a calendar's meeting dates shares: the calendar's requests, its opener, today. */
export interface OccurrenceContext {
  readonly calendarId: string;
  readonly today: string;
  readonly requests: ReadonlyMap<string, OccurrenceRequest>;
  readonly opener: OccurrenceOpener;
  readonly readOnly: boolean;
  readonly workspaceId: string | null;
}

interface OccurrenceDatesProps {
  readonly meeting: CalendarMeeting & { readonly schedule: MeetingSchedule };
  readonly context: OccurrenceContext;
}

/**
 * One meeting's recent and coming dates: a date with a document links to it, any other offers
 * "Open the meeting of DATE" (M3, M4), which works offline and makes one document for everyone.
 */
export function OccurrenceDates({ meeting, context }: OccurrenceDatesProps) {
  const { calendarId, today, requests, opener, readOnly, workspaceId } = context;
  const [, navigate] = useLocation();
  // The date a message is about: an offline notice goes once that date's document exists.
  const [message, setMessage] = useState<{ readonly date: string; readonly text: string } | null>(
    null,
  );
  const { past, upcoming } = occurrencesAround(meeting.schedule, today, {
    past: PAST_SHOWN,
    upcoming: UPCOMING_SHOWN,
  });
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
      setMessage({
        date,
        text: `You are offline: the meeting of ${formatShortMeetingDate(date)} will be created when this device is back online, once for everyone.`,
      });
    } else {
      setMessage({ date, text: result.reason });
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
              <button
                type="button"
                className="quiet"
                aria-label={`Open the meeting of ${label}: ${name}`}
                onClick={() => void press(date)}
              >
                Open the meeting of {label}
              </button>
            )}
            {request !== undefined && refused === undefined && (
              <span className="occurrence-pending"> · asked for; created once online</span>
            )}
            {refused !== undefined && <span className="form-error"> {refused}</span>}
          </>
        )}
      </li>
    );
  };

  return (
    <>
      <div className="occurrence-lists">
        {past.length > 0 && (
          <div>
            <h5>Past</h5>
            <ul className="occurrence-dates">{past.map((date) => dateItem(date, 'past'))}</ul>
          </div>
        )}
        <div>
          <h5>Coming</h5>
          {upcoming.length > 0 ? (
            <ul className="occurrence-dates">
              {upcoming.map((date) => dateItem(date, 'upcoming'))}
            </ul>
          ) : (
            <p className="empty">No more dates.</p>
          )}
        </div>
      </div>
      {message !== null &&
        requests.get(encodeOccurrenceId({ calendarId, rowId: meeting.rowId, date: message.date }))
          ?.createdAt == null && (
          <p className="notice" role="status">
            {message.text}
          </p>
        )}
    </>
  );
}
