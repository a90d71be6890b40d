import * as Y from 'yjs';

/**
 * How a district calendar and its schools' calendars are tied (schema 4), in three top-level
 * maps that older builds keep without reading:
 * - on the district calendar, `schoolPlan`: meeting row id → `all-schools` or `optional`, and
 *   `schoolCalendars`: school calendar document id → the school's name;
 * - on a school calendar, `meta.districtCalendar` names the district calendar and the school,
 *   and `districtAdaptations` holds the school's choices per district meeting, one key per
 *   field (`ROW/owner`), so two people changing different fields of one meeting both keep theirs.
 *   The school's own owner is text two people may type into at once, so it is a top-level Y.Text
 *   named `districtAdaptation/ROW/owner`: a top-level type is the same type on every device from
 *   the start, where a Y.Text two devices each put into the map at once would keep only one of
 *   them, with its letters. A plain `ROW/owner` string an earlier build wrote is read until the
 *   first edit moves it into the text. Time and first date stay whole values in the map.
 */
export type SchoolRequirement = 'all-schools' | 'optional';

export interface DistrictCalendarLink {
  readonly calendarId: string;
  readonly school: string;
}

/** What a school changed of one district meeting; an absent field follows the district. */
export interface SchoolAdaptation {
  readonly dropped: boolean;
  readonly owner: string | null;
  readonly time: string | null;
  readonly firstDate: string | null;
}

export type AdaptationField = 'owner' | 'time' | 'firstDate';

const PLAN = 'schoolPlan';
const SCHOOL_CALENDARS = 'schoolCalendars';
const META = 'meta';
const DISTRICT_CALENDAR = 'districtCalendar';
const ADAPTATIONS = 'districtAdaptations';
const ADAPTATION_TEXT = 'districtAdaptation/';

export function readSchoolPlan(doc: Y.Doc): ReadonlyMap<string, SchoolRequirement> {
  const plan = new Map<string, SchoolRequirement>();
  doc.getMap(PLAN).forEach((value, rowId) => {
    if (value === 'all-schools' || value === 'optional') plan.set(rowId, value);
  });
  return plan;
}

export function writeSchoolRequirement(
  doc: Y.Doc,
  rowId: string,
  requirement: SchoolRequirement,
): void {
  doc.getMap(PLAN).set(rowId, requirement);
}

export function readSchoolCalendars(
  doc: Y.Doc,
): { readonly id: string; readonly school: string }[] {
  const schools: { id: string; school: string }[] = [];
  doc.getMap(SCHOOL_CALENDARS).forEach((school, id) => {
    if (typeof school === 'string') schools.push({ id, school });
  });
  return schools.sort((a, b) => a.school.localeCompare(b.school));
}

export function addSchoolCalendar(doc: Y.Doc, id: string, school: string): void {
  doc.getMap(SCHOOL_CALENDARS).set(id, school);
}

export function writeDistrictCalendarLink(doc: Y.Doc, link: DistrictCalendarLink): void {
  doc.getMap(META).set(DISTRICT_CALENDAR, { ...link });
}

/** The district calendar a school calendar adapts, or null for any other document. */
export function readDistrictCalendarLink(doc: Y.Doc): DistrictCalendarLink | null {
  const value: unknown = doc.getMap(META).get(DISTRICT_CALENDAR);
  if (typeof value !== 'object' || value === null) return null;
  const { calendarId, school } = value as Record<string, unknown>;
  return typeof calendarId === 'string' && typeof school === 'string'
    ? { calendarId, school }
    : null;
}

function ownerText(doc: Y.Doc, rowId: string): Y.Text {
  return doc.getText(`${ADAPTATION_TEXT}${rowId}/owner`);
}

function plainValue(doc: Y.Doc, rowId: string, field: AdaptationField): string | null {
  const value = doc.getMap(ADAPTATIONS).get(`${rowId}/${field}`);
  return typeof value === 'string' ? value : null;
}

export function readAdaptation(doc: Y.Doc, rowId: string): SchoolAdaptation {
  const owner = ownerText(doc, rowId).toString();
  return {
    dropped: doc.getMap(ADAPTATIONS).get(`${rowId}/dropped`) === true,
    owner: owner !== '' ? owner : plainValue(doc, rowId, 'owner'),
    time: plainValue(doc, rowId, 'time'),
    firstDate: plainValue(doc, rowId, 'firstDate'),
  };
}

/**
 * The Y.Text of the school's own owner of a district meeting, to type into; null while an
 * earlier build's plain value stands in for it (`ensureAdaptationOwnerText` moves it over).
 */
export function adaptationOwnerTextOf(doc: Y.Doc, rowId: string): Y.Text | null {
  const text = ownerText(doc, rowId);
  return text.length === 0 && plainValue(doc, rowId, 'owner') !== null ? null : text;
}

/** The owner's Y.Text, holding the plain value an earlier build wrote, which it replaces. */
export function ensureAdaptationOwnerText(doc: Y.Doc, rowId: string): Y.Text {
  const text = ownerText(doc, rowId);
  const plain = plainValue(doc, rowId, 'owner');
  if (plain === null) return text;
  doc.transact(() => {
    if (text.length === 0) text.insert(0, plain);
    doc.getMap(ADAPTATIONS).delete(`${rowId}/owner`);
  });
  return text;
}

/** Sets the school's own value of a field; null (or an empty owner) gives the field back to the district. */
export function writeAdaptation(
  doc: Y.Doc,
  rowId: string,
  field: AdaptationField,
  value: string | null,
): void {
  const map = doc.getMap(ADAPTATIONS);
  doc.transact(() => {
    if (field === 'owner') {
      const text = ensureAdaptationOwnerText(doc, rowId);
      text.delete(0, text.length);
      if (value !== null) text.insert(0, value);
    } else if (value === null) map.delete(`${rowId}/${field}`);
    else map.set(`${rowId}/${field}`, value);
  });
}

export function writeDropped(doc: Y.Doc, rowId: string, dropped: boolean): void {
  doc.getMap(ADAPTATIONS).set(`${rowId}/dropped`, dropped);
}
