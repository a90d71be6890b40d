import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  adaptDistrictMeetings,
  fillSchoolCalendar,
  listOccurrences,
  readCalendarMeetings,
  schoolCoverage,
  schoolMeetingAsCalendarMeeting,
} from '../../../core/meetings/index.ts';
import {
  initializeDocument,
  readAdaptation,
  readDistrictCalendarLink,
  readSchoolPlan,
  readTable,
  setCell,
  writeAdaptation,
  writeDropped,
  writeSchoolRequirement,
} from '../../../core/schema/index.ts';
import {
  createDocument,
  MEETING_COLUMNS as M,
  MEETINGS_SECTION_ID,
} from '../../../core/templates/index.ts';

function districtCalendar(): { doc: Y.Doc; row: (name: string) => string } {
  const doc = new Y.Doc();
  createDocument(doc, { template: 'meeting-calendar' });
  const row = (name: string) =>
    readTable(doc, MEETINGS_SECTION_ID)!.value.rows.find((entry) =>
      JSON.stringify(entry.cells[M.meeting]).includes(name),
    )!.id;
  return { doc, row };
}

function schoolCalendar(school: string): Y.Doc {
  const doc = new Y.Doc();
  initializeDocument(doc, { title: school, template: 'meeting-calendar' }, (fresh) =>
    fillSchoolCalendar(fresh, { calendarId: 'district', school }),
  );
  return doc;
}

const meetingsOf = (doc: Y.Doc) => readCalendarMeetings(readTable(doc, MEETINGS_SECTION_ID)!.value);

describe('a school calendar adapts the district calendar', () => {
  it('starts with no meetings of its own and names its district calendar', () => {
    const school = schoolCalendar('Lincoln Elementary');
    expect(readDistrictCalendarLink(school)).toEqual({
      calendarId: 'district',
      school: 'Lincoln Elementary',
    });
    expect(readTable(school, MEETINGS_SECTION_ID)!.value.rows).toEqual([]);
  });

  it("follows the district's text and values until the school sets its own", () => {
    const { doc, row } = districtCalendar();
    const operational = row('Operational update');
    setCell(doc, MEETINGS_SECTION_ID, operational, M.time, '09:00');
    setCell(doc, MEETINGS_SECTION_ID, operational, M.firstDate, '2026-09-02');
    writeSchoolRequirement(doc, operational, 'all-schools');
    const school = schoolCalendar('Lincoln Elementary');
    writeAdaptation(school, operational, 'time', '10:30');
    const before = adaptDistrictMeetings(meetingsOf(doc), readSchoolPlan(doc), (id) =>
      readAdaptation(school, id),
    ).find((m) => m.district.rowId === operational)!;
    expect(before).toMatchObject({
      requirement: 'all-schools',
      time: { value: '10:30', own: true },
      firstDate: { value: '2026-09-02', own: false },
      scheduled: true,
    });

    setCell(doc, MEETINGS_SECTION_ID, operational, M.topics, 'Review referrals at every school');
    setCell(doc, MEETINGS_SECTION_ID, operational, M.firstDate, '2026-09-09');
    const after = adaptDistrictMeetings(meetingsOf(doc), readSchoolPlan(doc), (id) =>
      readAdaptation(school, id),
    ).find((m) => m.district.rowId === operational)!;
    expect(after.district.topics).toBe('Review referrals at every school');
    expect(after.firstDate).toEqual({ value: '2026-09-09', own: false });
    expect(after.time).toEqual({ value: '10:30', own: true });

    writeAdaptation(school, operational, 'time', null);
    expect(readAdaptation(school, operational).time).toBeNull();
  });

  it('lets a school drop an optional meeting but not one held at every school', () => {
    const { doc, row } = districtCalendar();
    const required = row('Operational update');
    const optional = row('MOU renegotiation');
    writeSchoolRequirement(doc, required, 'all-schools');
    const school = schoolCalendar('Lincoln Elementary');
    writeDropped(school, required, true);
    writeDropped(school, optional, true);
    const adapted = adaptDistrictMeetings(meetingsOf(doc), readSchoolPlan(doc), (id) =>
      readAdaptation(school, id),
    );
    expect(adapted.find((m) => m.district.rowId === required)!.dropped).toBe(false);
    expect(adapted.find((m) => m.district.rowId === optional)).toMatchObject({
      requirement: 'optional',
      dropped: true,
      scheduled: false,
    });
  });

  it('keeps both people’s changes to different fields of one meeting', () => {
    const a = schoolCalendar('Lincoln Elementary');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    writeAdaptation(a, 'row1', 'owner', 'Dana Reyes');
    writeAdaptation(b, 'row1', 'time', '14:00');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readAdaptation(a, 'row1')).toEqual({
      dropped: false,
      owner: 'Dana Reyes',
      time: '14:00',
      firstDate: null,
    });
    expect(readAdaptation(b, 'row1')).toEqual(readAdaptation(a, 'row1'));
  });

  it('tells the district which schools have each meeting scheduled and which have not', () => {
    const { doc, row } = districtCalendar();
    const operational = row('Operational update');
    const progress = row('Student progress update');
    setCell(doc, MEETINGS_SECTION_ID, operational, M.firstDate, '2026-09-02');
    const lincoln = schoolCalendar('Lincoln Elementary');
    const washington = schoolCalendar('Washington Middle');
    writeDropped(washington, operational, true);
    writeAdaptation(lincoln, progress, 'firstDate', '2026-09-10');
    const coverage = schoolCoverage(meetingsOf(doc), readSchoolPlan(doc), [
      { school: 'Lincoln Elementary', adaptationOf: (id) => readAdaptation(lincoln, id) },
      { school: 'Washington Middle', adaptationOf: (id) => readAdaptation(washington, id) },
    ]);
    expect(coverage.get(operational)).toEqual({
      scheduled: ['Lincoln Elementary'],
      notScheduled: ['Washington Middle'],
    });
    expect(coverage.get(progress)).toEqual({
      scheduled: ['Lincoln Elementary'],
      notScheduled: ['Washington Middle'],
    });
  });

  it('reads a plan or link written by a hostile peer as absent', () => {
    const doc = new Y.Doc();
    doc.getMap('schoolPlan').set('row1', 'sometimes');
    doc.getMap('meta').set('districtCalendar', { calendarId: 7 });
    expect(readSchoolPlan(doc).size).toBe(0);
    expect(readDistrictCalendarLink(doc)).toBeNull();
  });
});

describe("a district meeting's dates at a school (M7)", () => {
  it("are the school's first date with the district's repeat, prefilled with the school's owner and time", () => {
    const { doc, row } = districtCalendar();
    const operational = row('Operational update');
    setCell(doc, MEETINGS_SECTION_ID, operational, M.firstDate, '2026-09-02');
    setCell(doc, MEETINGS_SECTION_ID, operational, M.owner, 'District lead');
    const school = schoolCalendar('Lincoln Elementary');
    writeAdaptation(school, operational, 'firstDate', '2026-09-04');
    writeAdaptation(school, operational, 'owner', 'Ms. Park');
    const [adapted] = adaptDistrictMeetings(
      meetingsOf(doc).filter((m) => m.rowId === operational),
      readSchoolPlan(doc),
      (id) => readAdaptation(school, id),
    );
    const meeting = schoolMeetingAsCalendarMeeting(adapted!);
    const district = meetingsOf(doc).find((m) => m.rowId === operational)!;
    expect(meeting).toMatchObject({
      rowId: operational,
      meeting: 'Operational update',
      owner: 'Ms. Park',
      time: '',
      topics: district.topics,
      schedule: { firstDate: '2026-09-04', repeat: district.schedule!.repeat },
    });
    expect(listOccurrences(meeting.schedule!, { from: '2026-09-01', to: '2026-09-30' })[0]).toBe(
      '2026-09-04',
    );
  });

  it('has none when the school dropped it or has no first date', () => {
    const { doc, row } = districtCalendar();
    const mou = row('MOU renegotiation');
    const school = schoolCalendar('Lincoln Elementary');
    const adaptedOf = () =>
      adaptDistrictMeetings(
        meetingsOf(doc).filter((m) => m.rowId === mou),
        readSchoolPlan(doc),
        (id) => readAdaptation(school, id),
      )[0]!;
    expect(schoolMeetingAsCalendarMeeting(adaptedOf()).schedule).toBeNull();
    writeAdaptation(school, mou, 'firstDate', '2026-10-01');
    expect(schoolMeetingAsCalendarMeeting(adaptedOf()).schedule).not.toBeNull();
    writeDropped(school, mou, true);
    expect(schoolMeetingAsCalendarMeeting(adaptedOf()).schedule).toBeNull();
  });
});
