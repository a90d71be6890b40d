import type { SchoolAdaptation, SchoolRequirement } from '../schema/index.ts';
import type { CalendarMeeting } from './calendar-meeting.ts';
import { parseIsoDate } from './civil-date.ts';

/** One of the school's own values, or the district's when the school has not set it. */
export interface Adapted {
  readonly value: string;
  /** True when the school set it; false when it follows the district. */
  readonly own: boolean;
}

/** A district meeting as a school's calendar shows it. */
export interface SchoolMeeting {
  /** The district's row, read live: its name, attendees and topics are the district's. */
  readonly district: CalendarMeeting;
  readonly requirement: SchoolRequirement;
  /** Only an optional meeting can be dropped; a dropped mark on a required one is ignored. */
  readonly dropped: boolean;
  readonly owner: Adapted;
  readonly time: Adapted;
  readonly firstDate: Adapted;
  /** Kept by the school and given a first date that is a calendar date. */
  readonly scheduled: boolean;
}

/** A meeting the district has not marked is optional for schools. */
export function requirementOf(
  plan: ReadonlyMap<string, SchoolRequirement>,
  rowId: string,
): SchoolRequirement {
  return plan.get(rowId) ?? 'optional';
}

function adapted(own: string | null, district: string): Adapted {
  return own === null ? { value: district, own: false } : { value: own, own: true };
}

/**
 * The district's meetings as one school keeps them: the district's text, live, with the
 * school's owner, time and first date where it set its own, and optional ones it dropped.
 */
export function adaptDistrictMeetings(
  meetings: readonly CalendarMeeting[],
  plan: ReadonlyMap<string, SchoolRequirement>,
  adaptationOf: (rowId: string) => SchoolAdaptation,
): SchoolMeeting[] {
  return meetings.map((district) => {
    const adaptation = adaptationOf(district.rowId);
    const requirement = requirementOf(plan, district.rowId);
    const dropped = requirement === 'optional' && adaptation.dropped;
    const firstDate = adapted(adaptation.firstDate, district.schedule?.firstDate ?? '');
    return {
      district,
      requirement,
      dropped,
      owner: adapted(adaptation.owner, district.owner),
      time: adapted(adaptation.time, district.time),
      firstDate,
      scheduled: !dropped && parseIsoDate(firstDate.value) !== null,
    };
  });
}

export interface SchoolCoverage {
  readonly scheduled: readonly string[];
  readonly notScheduled: readonly string[];
}

/** Per district meeting (by row id), the schools that have it scheduled and those that have not. */
export function schoolCoverage(
  meetings: readonly CalendarMeeting[],
  plan: ReadonlyMap<string, SchoolRequirement>,
  schools: readonly {
    readonly school: string;
    readonly adaptationOf: (rowId: string) => SchoolAdaptation;
  }[],
): Map<string, SchoolCoverage> {
  const coverage = new Map<string, { scheduled: string[]; notScheduled: string[] }>(
    meetings.map((meeting) => [meeting.rowId, { scheduled: [], notScheduled: [] }]),
  );
  for (const { school, adaptationOf } of schools) {
    for (const adaptedMeeting of adaptDistrictMeetings(meetings, plan, adaptationOf)) {
      const entry = coverage.get(adaptedMeeting.district.rowId)!;
      (adaptedMeeting.scheduled ? entry.scheduled : entry.notScheduled).push(school);
    }
  }
  return coverage;
}

/**
 * A district meeting as the school holds it, in the shape its meeting document is prefilled
 * from: the district's name, attendees and topics, with the school's owner, time and first date
 * (the district's repeat). A dropped meeting has no schedule, so it has no dates to open.
 */
export function schoolMeetingAsCalendarMeeting(meeting: SchoolMeeting): CalendarMeeting {
  const { district } = meeting;
  const repeat = district.schedule?.repeat ?? 'none';
  return {
    ...district,
    owner: meeting.owner.value,
    time: meeting.time.value,
    schedule: meeting.scheduled ? { firstDate: meeting.firstDate.value, repeat } : null,
  };
}
