import { parseIsoDate, weekdayOf } from './civil-date.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * "Wednesday, January 14, 2026": the same words on every device and on the server, whatever its
 * locale or time zone (Intl would need the reader's, and a server would print its own). Text that
 * is not a date comes back as it is.
 */
export function formatMeetingDate(iso: string): string {
  const date = parseIsoDate(iso);
  if (date === null) return iso;
  return `${WEEKDAYS[weekdayOf(date)]}, ${MONTHS[date.month - 1]} ${date.day}, ${date.year}`;
}

/** "Jan 14, 2026", for lists of dates. */
export function formatShortMeetingDate(iso: string): string {
  const date = parseIsoDate(iso);
  if (date === null) return iso;
  return `${MONTHS[date.month - 1]!.slice(0, 3)} ${date.day}, ${date.year}`;
}
