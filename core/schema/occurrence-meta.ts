import type * as Y from 'yjs';
import { describeType, type Problem, type Read } from './problems.ts';

/**
 * What a meeting document made from a calendar row records about itself (schema 4): which
 * calendar, row and date it is the meeting of, and which earlier meeting of the same row it picks
 * up from. Stored as one plain value under `meta.occurrence`, written once at creation; builds
 * before schema 4 leave the key alone.
 */
export interface OccurrenceMeta {
  readonly calendarId: string;
  readonly rowId: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** The document of the meeting before this one, when there was one at creation. */
  readonly previousId: string | null;
}

const META = 'meta';
const OCCURRENCE = 'occurrence';

export function writeOccurrenceMeta(doc: Y.Doc, occurrence: OccurrenceMeta): void {
  doc.getMap(META).set(OCCURRENCE, { ...occurrence });
}

/** The occurrence, null for a document that is not one, plus a problem when the value is malformed. */
export function readOccurrenceMeta(doc: Y.Doc): Read<OccurrenceMeta | null> {
  const value: unknown = doc.getMap(META).get(OCCURRENCE);
  if (value === undefined) return { value: null, problems: [] };
  const record =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  const text = (key: string): string | null =>
    record !== null && typeof record[key] === 'string' ? (record[key] as string) : null;
  const calendarId = text('calendarId');
  const rowId = text('rowId');
  const date = text('date');
  if (calendarId === null || rowId === null || date === null) {
    const problem: Problem = {
      path: 'meta.occurrence',
      code: 'wrong-type',
      message: `the meeting's occurrence should name a calendar, row and date, found ${describeType(value)}`,
    };
    return { value: null, problems: [problem] };
  }
  return { value: { calendarId, rowId, date, previousId: text('previousId') }, problems: [] };
}
