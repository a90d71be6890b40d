/**
 * Column ids of the meeting calendar's meetings table. The iCalendar export and the client read
 * the table through these ids, so they are part of the document format: never rename one.
 */
export const MEETING_COLUMNS = {
  meeting: 'meeting',
  frequency: 'frequency',
  where: 'where',
  attendees: 'attendees',
  topics: 'topics',
  goalCollaboration: 'goal-collaboration',
  goalAccess: 'goal-access',
  goalDelivery: 'goal-delivery',
  goalEffectiveness: 'goal-effectiveness',
  owner: 'owner',
  firstDate: 'first-date',
  /** Text, 24-hour "HH:MM" (local time of the district); empty means an all-day event. */
  time: 'time',
  duration: 'duration',
  repeat: 'repeat',
} as const;

/** Options of the `repeat` choice column: id, label and the RFC 5545 RRULE it stands for. */
export const REPEAT_OPTIONS = [
  { id: 'none', label: 'Does not repeat', rrule: null },
  { id: 'weekly', label: 'Every week', rrule: 'FREQ=WEEKLY' },
  { id: 'every-2-weeks', label: 'Every 2 weeks', rrule: 'FREQ=WEEKLY;INTERVAL=2' },
  { id: 'every-4-weeks', label: 'Every 4 weeks', rrule: 'FREQ=WEEKLY;INTERVAL=4' },
  { id: 'monthly', label: 'Every month', rrule: 'FREQ=MONTHLY' },
  { id: 'every-2-months', label: 'Every 2 months', rrule: 'FREQ=MONTHLY;INTERVAL=2' },
  { id: 'every-semester', label: 'Every semester (6 months)', rrule: 'FREQ=MONTHLY;INTERVAL=6' },
  { id: 'yearly', label: 'Every year', rrule: 'FREQ=YEARLY' },
  { id: 'every-2-years', label: 'Every 2 years', rrule: 'FREQ=YEARLY;INTERVAL=2' },
] as const;

export type RepeatOptionId = (typeof REPEAT_OPTIONS)[number]['id'];

/** The four "where" choices of the toolkit. */
export const WHERE_OPTIONS = [
  { id: 'schools-existing', label: 'Schools, add to existing meeting' },
  { id: 'schools-new', label: 'Schools, create new meeting' },
  { id: 'districts-existing', label: 'Districts, add to existing meeting' },
  { id: 'districts-new', label: 'Districts, create new meeting' },
] as const;
