import type * as Y from 'yjs';
import { readOccurrenceRequests, type OccurrenceMeta } from '../schema/index.ts';
import { findPreviousOccurrence } from './occurrence-id.ts';

/**
 * The meeting before `occurrence`, as its calendar knows it now: the latest document of the same
 * row before its date among the calendar's created occurrences. Read live rather than fixed at
 * creation, so a meeting opened out of order, or an earlier one opened later, is picked up. The
 * previous meeting named at creation (`previousId`) still counts, for a calendar that has not
 * recorded it (one made before the calendar kept the record, or not yet synced to this device).
 */
export function readPreviousOccurrence(
  calendar: Y.Doc | null,
  occurrence: OccurrenceMeta,
): string | null {
  const created =
    calendar === null
      ? []
      : readOccurrenceRequests(calendar)
          .filter((request) => request.createdAt !== null)
          .map((request) => request.occurrenceId);
  const known = occurrence.previousId === null ? created : [...created, occurrence.previousId];
  return findPreviousOccurrence(occurrence, known);
}
