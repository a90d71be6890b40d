export {
  addSurveyResponse,
  checkSurveyAnswers,
  hasStaffSurvey,
  MAX_ANSWER_CHARACTERS,
  STAFF_SURVEY_QUESTIONS,
  SURVEY_RESPONSE_COLUMNS,
  SURVEY_RESPONSES_SECTION_ID,
  SURVEY_SECTION_ID,
} from './staff-survey.ts';
export type { CheckedAnswers, SurveyAnswers, SurveyError, SurveyQuestion } from './staff-survey.ts';
