/**
 * Spots text that looks like it identifies a student, so the editor can point it out gently. It
 * is a hint, not a filter: a provider's office phone or a staff e-mail is fine to keep, so the
 * person decides and nothing is ever removed or blocked.
 */
export type IdentifierKind = 'email' | 'phone' | 'student-id' | 'date-of-birth';

export interface IdentifierHint {
  readonly kind: IdentifierKind;
  /** Offsets into the text, end exclusive, so an editor can highlight the match. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** The toolkit's own words (data-review tool), shown with every hint. */
export const STUDENT_DATA_REMINDER =
  'Reminder: Please consult with your legal team before sharing any student-level data.';

export const IDENTIFIER_DESCRIPTIONS: Readonly<Record<IdentifierKind, string>> = {
  email: 'an e-mail address',
  phone: 'a phone number',
  'student-id': 'a student id number',
  'date-of-birth': 'a date of birth',
};

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// North American numbers, the only kind a US district writes: (555) 123-4567, 555.123.4567, +1 555 123 4567.
const PHONE = /(?<![\d-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d-])/g;
// A bare run of 6 to 10 digits is how student information systems number students.
const LONG_NUMBER = /(?<!\d|\d[.,/-]|\$)\d{6,10}(?!\d|[.,/-]\d)/g;
// "ID 1234", "student #20417", "SSID: 88412": shorter numbers count when a label says what they are.
const LABELLED_ID =
  /\b(?:student\s*(?:id|#|number|no\.?)|ssid|sis\s*id|id)\s*[:#]?\s*(\d{4,10})\b/gi;
const SLASH_DATE = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\d/])/g;
const ISO_DATE = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;
const BIRTH_WORDS = /\b(?:dob|d\.o\.b\.|born|birth\s*date|date\s+of\s+birth|birthday)\b/i;

/** School-age: someone whose birth date it could be is 3 to 22 years old. */
const YOUNGEST_AGE = 3;
const OLDEST_AGE = 22;

function* matches(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) yield match;
}

function fullYear(year: string): number {
  if (year.length === 4) return Number(year);
  // Two-digit years on a birth date are this century or the last, whichever is in the past.
  const value = Number(year);
  return value <= 50 ? 2000 + value : 1900 + value;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * A date is flagged when the words near it say it is a birth date, or when it would make someone
 * school-age today: meeting dates and deadlines are this year or next, not 3 to 22 years ago.
 */
function looksLikeBirthDate(text: string, start: number, year: number, today: Date): boolean {
  const before = text.slice(Math.max(0, start - 24), start);
  if (BIRTH_WORDS.test(before)) return true;
  const age = today.getUTCFullYear() - year;
  return age >= YOUNGEST_AGE && age <= OLDEST_AGE;
}

function overlaps(hint: IdentifierHint, taken: readonly IdentifierHint[]): boolean {
  return taken.some((other) => hint.start < other.end && other.start < hint.end);
}

/** Every hint in the text, in reading order, with no two overlapping. `today` decides school age. */
export function findStudentIdentifiers(text: string, today: Date): IdentifierHint[] {
  const found: IdentifierHint[] = [];
  const add = (kind: IdentifierKind, start: number, matched: string) => {
    const hint = { kind, start, end: start + matched.length, text: matched };
    if (!overlaps(hint, found)) found.push(hint);
  };
  // Most specific first: an e-mail's digits are not a student id, a phone's digits are not either.
  for (const match of matches(EMAIL, text)) add('email', match.index, match[0]);
  for (const match of matches(PHONE, text)) add('phone', match.index, match[0]);
  for (const match of matches(SLASH_DATE, text)) {
    const [whole, month, day, year] = match;
    const fullYearValue = fullYear(year!);
    if (
      isRealDate(fullYearValue, Number(month), Number(day)) &&
      looksLikeBirthDate(text, match.index, fullYearValue, today)
    )
      add('date-of-birth', match.index, whole);
  }
  for (const match of matches(ISO_DATE, text)) {
    const [whole, year, month, day] = match;
    if (
      isRealDate(Number(year), Number(month), Number(day)) &&
      looksLikeBirthDate(text, match.index, Number(year), today)
    )
      add('date-of-birth', match.index, whole);
  }
  for (const match of matches(LABELLED_ID, text)) {
    const digits = match[1]!;
    add('student-id', match.index + match[0].lastIndexOf(digits), digits);
  }
  for (const match of matches(LONG_NUMBER, text)) add('student-id', match.index, match[0]);
  return found.sort((a, b) => a.start - b.start);
}
