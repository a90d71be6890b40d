import { describe, expect, test } from 'vitest';
import { findStudentIdentifiers } from '../../../core/privacy/student-identifiers.ts';

const today = new Date(Date.UTC(2026, 10, 29));
const kinds = (text: string) =>
  findStudentIdentifiers(text, today).map((hint) => [hint.kind, hint.text]);

describe('hints of student identifiers', () => {
  test('e-mail addresses, phone numbers and student-id-like numbers are pointed out with their place', () => {
    const text = 'Call Jamie at (555) 201-4477 or jamie.r@students.example.org, id 204417.';
    const hints = findStudentIdentifiers(text, today);
    expect(hints.map((hint) => [hint.kind, hint.text])).toEqual([
      ['phone', '(555) 201-4477'],
      ['email', 'jamie.r@students.example.org'],
      ['student-id', '204417'],
    ]);
    for (const hint of hints) expect(text.slice(hint.start, hint.end)).toBe(hint.text);
  });

  test('a bare run of six or more digits is flagged; short labelled numbers too', () => {
    expect(kinds('Student 20441787 was referred')).toEqual([['student-id', '20441787']]);
    expect(kinds('SSID: 4417 and student #9921')).toEqual([
      ['student-id', '4417'],
      ['student-id', '9921'],
    ]);
  });

  test('dates of birth: near birth words, or a date that would make someone school-age', () => {
    expect(kinds('DOB 3/14/2012')).toEqual([['date-of-birth', '3/14/2012']]);
    expect(kinds('born 2015-06-01')).toEqual([['date-of-birth', '2015-06-01']]);
    expect(kinds('Birth date: 06/01/90')).toEqual([['date-of-birth', '06/01/90']]);
    expect(kinds('Referred on 09/02/2013 by the counselor')).toEqual([
      ['date-of-birth', '09/02/2013'],
    ]);
  });

  test('what a coordinator normally writes passes without a hint', () => {
    const ordinary = [
      'Monthly meeting on 2026-12-03 at 3:30 pm, room 204.',
      'Deadline: 12/15/2026. Budget $250000 for 2026-27.',
      '40 referred, 30 offered, 75% initiated; 1,200 students enrolled.',
      'Follow up by the beginning of next semester.',
      'Version 2.4.1 of the form, 2024 data.',
    ];
    for (const text of ordinary) expect(kinds(text), text).toEqual([]);
  });

  test('an impossible date is not a birth date', () => {
    expect(kinds('DOB 2/30/2012')).toEqual([]);
  });
});
