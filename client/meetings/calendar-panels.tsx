import { readDistrictCalendarLink } from '#core/schema';
import { DistrictSchoolsPanel } from './district-schools-panel.tsx';
import { MeetingOccurrences } from './meeting-occurrences.tsx';
import { SchoolDistrictMeetings } from './school-district-meetings.tsx';
import type { CalendarPanelProps } from './calendar-panel-props.ts';

/** What a meeting calendar shows under its meetings table: dates, and its ties to schools or to the district. */
export function CalendarPanels(props: CalendarPanelProps) {
  const link = readDistrictCalendarLink(props.doc);
  return (
    <>
      <MeetingOccurrences {...props} />
      {link === null ? <DistrictSchoolsPanel {...props} /> : <SchoolDistrictMeetings doc={props.doc} link={link} token={props.token} readOnly={props.readOnly} />}
    </>
  );
}
