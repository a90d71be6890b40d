import type * as Y from 'yjs';
import { readDistrictCalendarLink, type TableView } from '../../core/schema/index.ts';
import { DistrictSchoolsPanel } from './district-schools-panel.tsx';
import { MeetingOccurrences } from './meeting-occurrences.tsx';
import { SchoolDistrictMeetings } from './school-district-meetings.tsx';

interface CalendarPanelsProps {
  readonly doc: Y.Doc;
  readonly calendarId: string;
  readonly token: string;
  readonly table: TableView;
  readonly readOnly: boolean;
  readonly workspaceId: string | null;
}

/** What a meeting calendar shows under its meetings table: dates, and its ties to schools or to the district. */
export function CalendarPanels(props: CalendarPanelsProps) {
  const link = readDistrictCalendarLink(props.doc);
  return (
    <>
      <MeetingOccurrences {...props} />
      {link === null ? <DistrictSchoolsPanel {...props} /> : <SchoolDistrictMeetings doc={props.doc} link={link} token={props.token} readOnly={props.readOnly} />}
    </>
  );
}
