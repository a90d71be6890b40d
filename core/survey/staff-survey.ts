import type * as Y from 'yjs';
import { addRow, addTableSection, readSections, type Created } from '../schema/index.ts';
import { findSection } from '../schema/sections.ts';

/**
 * The barriers tool's sample staff survey as a form: its five questions under the seed's two
 * prompts. Answers arrive anonymously through a survey-only link and land as rows of a responses
 * table in the same document, where the team reads, groups and quotes them.
 */
export interface SurveyQuestion {
  readonly id: string;
  /** The seed's prompt the question sits under. */
  readonly group: string;
  readonly prompt: string;
}

export const STAFF_SURVEY_QUESTIONS: readonly SurveyQuestion[] = [
  {
    id: 'working-well',
    group: 'How school staff and community mental health providers currently work together',
    prompt: 'What is working well?',
  },
  {
    id: 'could-improve',
    group: 'How school staff and community mental health providers currently work together',
    prompt: 'What could be improved? How does it affect students and staff?',
  },
  {
    id: 'roles-working',
    group: 'How roles and responsibilities are assigned',
    prompt: 'What is working with our current roles and responsibilities?',
  },
  {
    id: 'roles-not-working',
    group: 'How roles and responsibilities are assigned',
    prompt: 'What is not working well? How does this affect students and staff?',
  },
  { id: 'suggestions', group: 'Anything else', prompt: 'Do you have any additional suggestions?' },
];

/** The section answers are added to; created with the first answer, after the sample survey. */
export const SURVEY_RESPONSES_SECTION_ID = 'survey-responses';
export const SURVEY_SECTION_ID = 'staff-survey';

export const SURVEY_RESPONSE_COLUMNS = {
  received: 'received',
  theme: 'theme',
  quote: 'quote',
} as const;

/** Long enough for a thoughtful paragraph or three; short enough that nobody pastes a record. */
export const MAX_ANSWER_CHARACTERS = 4000;

export type SurveyAnswers = Readonly<Record<string, string>>;

export type CheckedAnswers =
  | { readonly ok: true; readonly answers: SurveyAnswers }
  | { readonly ok: false; readonly errors: readonly SurveyError[] };

export interface SurveyError {
  /** The question the error is about, or null for the form as a whole. */
  readonly questionId: string | null;
  readonly message: string;
}

/** Checks a submitted form: known questions only, text only, at least one answer, none too long. */
export function checkSurveyAnswers(input: unknown): CheckedAnswers {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      errors: [
        {
          questionId: null,
          message: 'The answers should be sent as a form with one field per question.',
        },
      ],
    };
  }
  const known = new Set(STAFF_SURVEY_QUESTIONS.map((question) => question.id));
  const errors: SurveyError[] = [];
  const answers: Record<string, string> = {};
  for (const [questionId, value] of Object.entries(input)) {
    if (!known.has(questionId)) {
      errors.push({
        questionId: null,
        message: `"${questionId}" is not a question of this survey.`,
      });
    } else if (typeof value !== 'string') {
      errors.push({ questionId, message: 'An answer is text.' });
    } else if (value.trim().length > MAX_ANSWER_CHARACTERS) {
      errors.push({
        questionId,
        message: `This answer is ${value.trim().length.toLocaleString('en-US')} characters; please keep it under ${MAX_ANSWER_CHARACTERS.toLocaleString('en-US')}.`,
      });
    } else if (value.trim() !== '') {
      answers[questionId] = value.trim();
    }
  }
  if (errors.length === 0 && Object.keys(answers).length === 0)
    errors.push({
      questionId: null,
      message: 'Please answer at least one question before sending.',
    });
  return errors.length === 0 ? { ok: true, answers } : { ok: false, errors };
}

function ensureResponsesTable(doc: Y.Doc): void {
  if (findSection(doc, SURVEY_RESPONSES_SECTION_ID, 'table') !== null) return;
  const sections = readSections(doc).value;
  const survey = sections.findIndex((section) => section.id === SURVEY_SECTION_ID);
  addTableSection(doc, {
    id: SURVEY_RESPONSES_SECTION_ID,
    title: 'Staff survey responses',
    ...(survey >= 0 && { index: survey + 1 }),
    description:
      'Answers sent through the survey link, one row per response. They are anonymous: no name, account or device is stored with an answer. Group them with a theme and tick the ones to quote in your summary.',
    columns: [
      { id: SURVEY_RESPONSE_COLUMNS.received, kind: 'date', title: 'Received' },
      ...STAFF_SURVEY_QUESTIONS.map((question) => ({
        id: question.id,
        kind: 'text' as const,
        title: question.prompt,
      })),
      {
        id: SURVEY_RESPONSE_COLUMNS.theme,
        kind: 'text',
        title: 'Theme',
        hint: 'Group similar responses under one theme',
      },
      { id: SURVEY_RESPONSE_COLUMNS.quote, kind: 'checkbox', title: 'Quote in summary' },
    ],
  });
}

/**
 * Adds one response, creating the responses table if this is the first. `receivedOn` is a day
 * (YYYY-MM-DD), not a time: the minute an answer came in could tell who sent it.
 */
export function addSurveyResponse(doc: Y.Doc, answers: SurveyAnswers, receivedOn: string): Created {
  return doc.transact(() => {
    ensureResponsesTable(doc);
    const values: Record<string, string | boolean> = {
      [SURVEY_RESPONSE_COLUMNS.received]: receivedOn,
      [SURVEY_RESPONSE_COLUMNS.quote]: false,
    };
    for (const question of STAFF_SURVEY_QUESTIONS) values[question.id] = answers[question.id] ?? '';
    return addRow(doc, SURVEY_RESPONSES_SECTION_ID, { values });
  });
}

/** Whether a document can take survey answers: it holds the sample staff survey. */
export function hasStaffSurvey(doc: Y.Doc): boolean {
  return findSection(doc, SURVEY_SECTION_ID, 'note') !== null;
}
