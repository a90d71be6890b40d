/**
 * Stable ids of template sections, columns and options that code outside the templates reads:
 * exports, metrics, the present view's agenda timer. They are part of the document format, like
 * `MEETING_COLUMNS` and `METRICS_COLUMNS`: never rename one, only add.
 */

/** The next-steps table of the barriers and roles-working-session templates. */
export const NEXT_STEPS_SECTION_ID = 'next-steps';

/** task: text, owner: person, deadline: date (free text allowed), done: checkbox. */
export const NEXT_STEPS_COLUMNS = {
  task: 'task',
  owner: 'owner',
  deadline: 'deadline',
  done: 'done',
} as const;

/** The working session's agenda, which the present view runs its timer from. */
export const AGENDA_SECTION_ID = 'agenda';

/** topic: text, minutes: minutes. */
export const AGENDA_COLUMNS = {
  topic: 'topic',
  minutes: 'minutes',
} as const;

/** The assessment's rubric, which metrics aggregate and compare between rounds. */
export const RUBRIC_SECTION_ID = 'rubric';

/** domain: choice of `RUBRIC_DOMAINS`, practice: text, rating: rating on `FREQUENCY_SCALE`. */
export const RUBRIC_COLUMNS = {
  domain: 'domain',
  practice: 'practice',
  rating: 'rating',
} as const;

/** The three "Does your district ..." domains of the rubric, as options of its domain column. */
export const RUBRIC_DOMAINS = [
  {
    id: 'manage-and-communicate',
    label: '... effectively manage and communicate with community providers?',
  },
  { id: 'integrated-care', label: '... provide high-quality, integrated care to students?' },
  { id: 'data-privacy', label: '... ensure the privacy of sensitive student and family data?' },
] as const;

export type RubricDomainId = (typeof RUBRIC_DOMAINS)[number]['id'];

/** The meeting calendar's meetings table; its columns are `MEETING_COLUMNS`. */
export const MEETINGS_SECTION_ID = 'meetings';
