export {
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  isLeapYear,
  parseIsoDate,
  toDayNumber,
  weekdayOf,
} from './civil-date.ts';
export type { CivilDate } from './civil-date.ts';
export { isOccurrence, listOccurrences, occurrencesAround, REPEAT_LABELS } from './occurrences.ts';
export type { MeetingSchedule, OccurrenceWindow } from './occurrences.ts';
export {
  decodeOccurrenceId,
  encodeOccurrenceId,
  findPreviousOccurrence,
  isCalendarId,
  isRowId,
} from './occurrence-id.ts';
export type { OccurrenceKey } from './occurrence-id.ts';
export { protocolOf, readCalendarMeeting, readCalendarMeetings } from './calendar-meeting.ts';
export type { CalendarMeeting, MeetingProtocol } from './calendar-meeting.ts';
export { formatMeetingDate, formatShortMeetingDate } from './meeting-date-text.ts';
export {
  fillMeetingDocument,
  MEETING_DETAILS_SECTION_ID,
  MEETING_TEMPLATE_ID,
  meetingDocumentTitle,
} from './meeting-document.ts';
export type { MeetingDocumentInit } from './meeting-document.ts';
export { listLinkedDocuments } from './linked-documents.ts';
export {
  adaptDistrictMeetings,
  requirementOf,
  schoolCoverage,
  schoolMeetingAsCalendarMeeting,
} from './school-calendar.ts';
export { readPreviousOccurrence } from './previous-occurrence.ts';
export type { Adapted, SchoolCoverage, SchoolMeeting } from './school-calendar.ts';
export { fillSchoolCalendar, schoolCalendarTitle } from './school-calendar-document.ts';
