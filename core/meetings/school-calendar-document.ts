import type * as Y from 'yjs';
import {
  addNoteSection,
  writeDistrictCalendarLink,
  type DistrictCalendarLink,
} from '../schema/index.ts';
import { addMeetingsTable } from '../templates/meeting-calendar.ts';
import { paragraph } from '../templates/note-blocks.ts';

export function schoolCalendarTitle(school: string): string {
  return `${school}: calendar of meetings with community providers`;
}

/**
 * Fills a school's calendar: a word on how it is tied to the district's, then a meetings table
 * for the school's own meetings. The district's meetings are not copied in; the school calendar
 * page reads them live from the district calendar, with the school's choices beside them.
 */
export function fillSchoolCalendar(doc: Y.Doc, link: DistrictCalendarLink): void {
  writeDistrictCalendarLink(doc, link);
  addNoteSection(doc, {
    id: 'about-school-calendar',
    title: 'About this school calendar',
    blocks: [
      paragraph(
        `${link.school} adapts the district's calendar of meetings with community providers. The district's meetings are listed from the district calendar as it changes: the ones the district holds at every school stay in step with it; optional ones can be dropped. Set the school's own owner, time and first date for each.`,
      ),
      paragraph("Add the school's own meetings to the table below."),
    ],
  });
  addMeetingsTable(doc, []);
}
