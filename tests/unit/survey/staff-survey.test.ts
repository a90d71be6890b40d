import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { readDocument, readTable } from '../../../core/schema/index.ts';
import {
  addSurveyResponse,
  checkSurveyAnswers,
  hasStaffSurvey,
  MAX_ANSWER_CHARACTERS,
  STAFF_SURVEY_QUESTIONS,
  SURVEY_RESPONSES_SECTION_ID,
} from '../../../core/survey/index.ts';
import { createDocument } from '../../../core/templates/index.ts';
import { cellText } from '../../../core/export/cell-text.ts';

function barriersDoc(): Y.Doc {
  const doc = new Y.Doc();
  createDocument(doc, { template: 'barriers' });
  return doc;
}

describe('staff survey answers', () => {
  test('the form has the five questions of the sample survey', () => {
    expect(STAFF_SURVEY_QUESTIONS.map((question) => question.prompt)).toEqual([
      'What is working well?',
      'What could be improved? How does it affect students and staff?',
      'What is working with our current roles and responsibilities?',
      'What is not working well? How does this affect students and staff?',
      'Do you have any additional suggestions?',
    ]);
  });

  test('answers are trimmed and blank ones dropped; an all-blank form is refused with a message', () => {
    expect(checkSurveyAnswers({ 'working-well': '  Weekly huddles  ', suggestions: ' ' })).toEqual({
      ok: true,
      answers: { 'working-well': 'Weekly huddles' },
    });
    expect(checkSurveyAnswers({ 'working-well': '   ' })).toEqual({
      ok: false,
      errors: [
        { questionId: null, message: 'Please answer at least one question before sending.' },
      ],
    });
  });

  test('an oversized answer, a non-text answer, an unknown question and a malformed body are refused', () => {
    const long = checkSurveyAnswers({ suggestions: 'x'.repeat(MAX_ANSWER_CHARACTERS + 1) });
    expect(long.ok).toBe(false);
    expect(!long.ok && long.errors[0]).toEqual({
      questionId: 'suggestions',
      message: 'This answer is 4,001 characters; please keep it under 4,000.',
    });
    expect(checkSurveyAnswers({ 'working-well': 42 })).toMatchObject({
      ok: false,
      errors: [{ questionId: 'working-well' }],
    });
    expect(checkSurveyAnswers({ name: 'Pat' })).toMatchObject({
      ok: false,
      errors: [{ questionId: null }],
    });
    for (const body of [null, 'text', ['a'], 7]) expect(checkSurveyAnswers(body).ok).toBe(false);
  });

  test('the first answer creates the responses table right after the sample survey; later ones add rows', () => {
    const doc = barriersDoc();
    expect(hasStaffSurvey(doc)).toBe(true);
    addSurveyResponse(doc, { 'working-well': 'Quick referrals' }, '2026-11-29');
    addSurveyResponse(doc, { suggestions: 'A shared calendar' }, '2026-11-30');
    const ids = readDocument(doc).value.sections.map((section) => section.id);
    expect(ids[ids.indexOf('staff-survey') + 1]).toBe(SURVEY_RESPONSES_SECTION_ID);
    const table = readTable(doc, SURVEY_RESPONSES_SECTION_ID)!.value;
    const text = (row: number, column: string) =>
      cellText(
        table.rows[row]!.cells[column],
        table.columns.find((c) => c.id === column)!,
      );
    expect(table.rows).toHaveLength(2);
    expect([text(0, 'received'), text(0, 'working-well'), text(1, 'suggestions')]).toEqual([
      '2026-11-29',
      'Quick referrals',
      'A shared calendar',
    ]);
  });

  test('a response stores no name or identity: only the date and the answers', () => {
    const doc = barriersDoc();
    addSurveyResponse(doc, { 'working-well': 'Fine' }, '2026-11-29');
    const table = readTable(doc, SURVEY_RESPONSES_SECTION_ID)!.value;
    expect(table.columns.map((column) => column.id)).toEqual([
      'received',
      ...STAFF_SURVEY_QUESTIONS.map((q) => q.id),
      'theme',
      'quote',
    ]);
  });

  test('a document without the sample survey does not take answers', () => {
    const doc = new Y.Doc();
    createDocument(doc, { template: 'data-review' });
    expect(hasStaffSurvey(doc)).toBe(false);
  });
});
