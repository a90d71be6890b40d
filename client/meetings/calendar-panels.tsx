import { readDistrictCalendarLink } from '#core/schema';
import { DistrictSchoolsPanel } from './district-schools-panel.tsx';
import { MeetingOccurrences } from './meeting-occurrences.tsx';
import type { OccurrenceContext } from './occurrence-dates.tsx';
import { SchoolDistrictMeetings } from './school-district-meetings.tsx';
import { useOccurrenceOpener } from './use-occurrence-opener.ts';
import { useOccurrenceRequests } from './use-occurrence-requests.ts';
import { useToday } from './use-today.ts';
import type { CalendarPanelProps } from './calendar-panel-props.ts';

/** What a meeting calendar shows under its meetings table: dates, and its ties to schools or to the district. */
export function CalendarPanels(props: CalendarPanelProps) {
  const { doc, calendarId, token, readOnly, workspaceId } = props;
  const link = readDistrictCalendarLink(doc);
  // One opener per calendar: it fulfils the calendar's waiting requests, for its own meetings
  // and, on a school calendar, for the district's meetings on the school's dates (M7).
  const opener = useOccurrenceOpener(doc, calendarId, token, !readOnly);
  const today = useToday();
  const requests = useOccurrenceRequests(doc);
  const context: OccurrenceContext = { calendarId, today, requests, opener, readOnly, workspaceId };
  return (
    <>
      <MeetingOccurrences table={props.table} context={context} />
      {link === null ? (
        <DistrictSchoolsPanel {...props} />
      ) : (
        <SchoolDistrictMeetings
          doc={doc}
          link={link}
          token={token}
          readOnly={readOnly}
          context={context}
        />
      )}
    </>
  );
}
