export {
  findStudentIdentifiers,
  IDENTIFIER_DESCRIPTIONS,
  STUDENT_DATA_REMINDER,
} from './student-identifiers.ts';
export type { IdentifierHint, IdentifierKind } from './student-identifiers.ts';
export { scanDocument } from './scan-document.ts';
