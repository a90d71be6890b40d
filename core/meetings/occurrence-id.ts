import { parseIsoDate } from './civil-date.ts';

/**
 * The id of the document of one meeting on one date: `CALENDAR.ROW.YYYY-MM-DD`. It is derived,
 * not drawn at random, so everyone who opens "the meeting of 14 January" (at once, or one of
 * them offline and later) names the same document, and the server creates it only once.
 * Calendar ids are base64url and row ids base36, neither holds a dot, so the parts read back.
 */
export interface OccurrenceKey {
  readonly calendarId: string;
  readonly rowId: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
}

const CALENDAR_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ROW_ID = /^[a-z0-9]{1,32}$/;

export function isCalendarId(id: string): boolean {
  return CALENDAR_ID.test(id);
}

export function isRowId(id: string): boolean {
  return ROW_ID.test(id);
}

export function encodeOccurrenceId(key: OccurrenceKey): string {
  return `${key.calendarId}.${key.rowId}.${key.date}`;
}

/** The parts of an occurrence id, or null when `id` is not one. */
export function decodeOccurrenceId(id: string): OccurrenceKey | null {
  const parts = id.split('.');
  if (parts.length !== 3) return null;
  const [calendarId, rowId, date] = parts as [string, string, string];
  if (!isCalendarId(calendarId) || !isRowId(rowId) || parseIsoDate(date) === null) return null;
  return { calendarId, rowId, date };
}

/**
 * Of the ids given (any documents), the occurrence of the same calendar row that comes last
 * before `key.date`, or null. Skipped dates (a meeting nobody opened) are passed over, and so is
 * a series whose repeat changed: what counts is the documents that exist.
 */
export function findPreviousOccurrence(
  key: OccurrenceKey,
  documentIds: readonly string[],
): string | null {
  let best: OccurrenceKey | null = null;
  for (const id of documentIds) {
    const other = decodeOccurrenceId(id);
    if (
      other === null ||
      other.calendarId !== key.calendarId ||
      other.rowId !== key.rowId ||
      other.date >= key.date
    )
      continue;
    if (best === null || other.date > best.date) best = other;
  }
  return best === null ? null : encodeOccurrenceId(best);
}
