import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readPreviousOccurrence } from '../../../core/meetings/index.ts';
import { markOccurrenceCreated, requestOccurrence } from '../../../core/schema/index.ts';

const CAL = 'cal1';
const ROW = 'row1';
const id = (date: string, row = ROW, cal = CAL) => `${cal}.${row}.${date}`;
const occurrence = (date: string, previousId: string | null = null) => ({
  calendarId: CAL,
  rowId: ROW,
  date,
  previousId,
});

describe('the previous meeting, read live from the calendar (M6)', () => {
  it('is the latest created meeting of the same row before this one', () => {
    const calendar = new Y.Doc();
    for (const date of ['2027-01-06', '2027-01-20', '2027-02-03'])
      markOccurrenceCreated(calendar, id(date), 't');
    markOccurrenceCreated(calendar, id('2027-01-27', 'otherrow'), 't');
    markOccurrenceCreated(calendar, id('2027-01-27', ROW, 'othercal'), 't');
    expect(readPreviousOccurrence(calendar, occurrence('2027-01-27'))).toBe(id('2027-01-20'));
  });

  it('picks up an earlier meeting opened after this one was made', () => {
    const calendar = new Y.Doc();
    markOccurrenceCreated(calendar, id('2027-01-06'), 't');
    const later = occurrence('2027-02-03', id('2027-01-06'));
    expect(readPreviousOccurrence(calendar, later)).toBe(id('2027-01-06'));
    markOccurrenceCreated(calendar, id('2027-01-20'), 't');
    expect(readPreviousOccurrence(calendar, later)).toBe(id('2027-01-20'));
  });

  it('skips a meeting asked for but not yet created', () => {
    const calendar = new Y.Doc();
    markOccurrenceCreated(calendar, id('2027-01-06'), 't');
    requestOccurrence(calendar, id('2027-01-20'), 't');
    expect(readPreviousOccurrence(calendar, occurrence('2027-02-03'))).toBe(id('2027-01-06'));
  });

  it('falls back on the meeting named at creation while the calendar is not read, or does not record it', () => {
    expect(readPreviousOccurrence(null, occurrence('2027-02-03', id('2027-01-20')))).toBe(
      id('2027-01-20'),
    );
    expect(readPreviousOccurrence(new Y.Doc(), occurrence('2027-02-03', id('2027-01-20')))).toBe(
      id('2027-01-20'),
    );
    expect(readPreviousOccurrence(null, occurrence('2027-02-03'))).toBeNull();
  });
});
