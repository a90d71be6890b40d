import { REPEAT_OPTIONS, type RepeatOptionId } from '../schema/meeting-calendar-columns.ts';
import {
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  parseIsoDate,
  toDayNumber,
  type CivilDate,
} from './civil-date.ts';

/** When a meeting happens: its first date and how it repeats (the calendar's `repeat` option). */
export interface MeetingSchedule {
  /** `YYYY-MM-DD`. */
  readonly firstDate: string;
  readonly repeat: RepeatOptionId;
}

/** Each repeat's label, as the calendar's Repeats column shows it. */
export const REPEAT_LABELS: Readonly<Record<RepeatOptionId, string>> = Object.fromEntries(
  REPEAT_OPTIONS.map(({ id, label }) => [id, label]),
) as Record<RepeatOptionId, string>;

type Step =
  | { readonly unit: 'day'; readonly count: number }
  | { readonly unit: 'month'; readonly count: number }
  | null;

const STEPS: Readonly<Record<RepeatOptionId, Step>> = {
  none: null,
  weekly: { unit: 'day', count: 7 },
  'every-2-weeks': { unit: 'day', count: 14 },
  'every-4-weeks': { unit: 'day', count: 28 },
  monthly: { unit: 'month', count: 1 },
  'every-2-months': { unit: 'month', count: 2 },
  'every-semester': { unit: 'month', count: 6 },
  yearly: { unit: 'month', count: 12 },
  'every-2-years': { unit: 'month', count: 24 },
};

/** No series is walked further than this many repeats (weekly for about 38 years). */
const MAX_REPEATS = 2000;

/**
 * The n-th repeat (0 = the first date), or null when that month has no such day. A meeting on the
 * 31st has no April meeting and one on 29 February meets in leap years only: RFC 5545 says a rule
 * that lands on a date that does not exist skips it, and the calendar's iCalendar export hands the
 * same rule to people's calendar apps, so the document dates must agree with what those show.
 */
function nthDate(first: CivilDate, step: Step, n: number): CivilDate | null {
  if (n === 0) return first;
  if (step === null) return null;
  if (step.unit === 'day') return fromDayNumber(toDayNumber(first) + step.count * n);
  const monthIndex = first.year * 12 + (first.month - 1) + step.count * n;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return first.day <= daysInMonth(year, month) ? { year, month, day: first.day } : null;
}

export interface OccurrenceWindow {
  /** `YYYY-MM-DD`, inclusive. */
  readonly from: string;
  /** `YYYY-MM-DD`, inclusive. */
  readonly to: string;
  /** At most this many dates (default 100). */
  readonly limit?: number;
}

/**
 * The meeting's dates within the window, earliest first; none when the first date is not a
 * calendar date or the window is not one.
 *
 * @example
 * listOccurrences({ firstDate: '2026-01-31', repeat: 'monthly' }, { from: '2026-01-01', to: '2026-05-31' })
 * // ['2026-01-31', '2026-03-31', '2026-05-31']
 */
export function listOccurrences(schedule: MeetingSchedule, window: OccurrenceWindow): string[] {
  const first = parseIsoDate(schedule.firstDate);
  if (first === null || parseIsoDate(window.from) === null || parseIsoDate(window.to) === null)
    return [];
  const step = STEPS[schedule.repeat] ?? null;
  const limit = window.limit ?? 100;
  const dates: string[] = [];
  for (let n = 0; n <= MAX_REPEATS && dates.length < limit; n++) {
    const date = nthDate(first, step, n);
    if (date === null) {
      if (step === null) break;
      continue;
    }
    const iso = formatIsoDate(date);
    if (iso > window.to) break;
    if (iso >= window.from) dates.push(iso);
    if (step === null) break;
  }
  return dates;
}

/** True when the meeting meets on `date`. */
export function isOccurrence(schedule: MeetingSchedule, date: string): boolean {
  return (
    parseIsoDate(date) !== null &&
    listOccurrences(schedule, { from: date, to: date, limit: 1 }).length === 1
  );
}

/**
 * What the calendar row shows around `today` (the reader's calendar day): up to `past` dates
 * before it, most recent last, and up to `upcoming` dates from today on.
 */
export function occurrencesAround(
  schedule: MeetingSchedule,
  today: string,
  counts: { readonly past: number; readonly upcoming: number },
): { past: string[]; upcoming: string[] } {
  if (parseIsoDate(today) === null) return { past: [], upcoming: [] };
  const before = listOccurrences(schedule, {
    from: schedule.firstDate,
    to: '9999-12-31',
    limit: MAX_REPEATS,
  }).filter((date) => date < today);
  const upcoming = listOccurrences(schedule, {
    from: today,
    to: '9999-12-31',
    limit: counts.upcoming,
  });
  return { past: counts.past === 0 ? [] : before.slice(-counts.past), upcoming };
}
