import { describe, expect, it } from 'vitest';
import {
  formatIsoDate,
  formatMeetingDate,
  fromDayNumber,
  isOccurrence,
  listOccurrences,
  occurrencesAround,
  parseIsoDate,
  toDayNumber,
} from '../../../core/meetings/index.ts';

const all = { from: '2000-01-01', to: '2099-12-31' };

describe('calendar dates', () => {
  it('round-trips every day of four centuries through day numbers', () => {
    const start = toDayNumber({ year: 1900, month: 1, day: 1 });
    let previous = fromDayNumber(start - 1);
    const wrong: number[] = [];
    for (let day = start; day < start + 146097; day++) {
      const date = fromDayNumber(day);
      const advanced =
        date.day === previous.day + 1 ||
        (date.day === 1 &&
          (date.month === previous.month + 1 || (date.month === 1 && previous.month === 12)));
      if (toDayNumber(date) !== day || !advanced || parseIsoDate(formatIsoDate(date)) === null)
        wrong.push(day);
      previous = date;
    }
    expect(wrong).toEqual([]);
  });

  it('refuses text that is not a calendar date', () => {
    for (const text of [
      '2026-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-1-05',
      ' 2026-01-05',
      '2026-01-05T00:00',
      '',
    ])
      expect(parseIsoDate(text)).toBeNull();
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it('names the weekday of a date the same way whatever the time zone', () => {
    expect(formatMeetingDate('2026-01-14')).toBe('Wednesday, January 14, 2026');
    expect(formatMeetingDate('2000-02-29')).toBe('Tuesday, February 29, 2000');
    expect(formatMeetingDate('next week')).toBe('next week');
  });
});

describe('a meeting lists its dates', () => {
  it('repeats every two weeks across a month and a year end', () => {
    expect(
      listOccurrences(
        { firstDate: '2026-12-16', repeat: 'every-2-weeks' },
        { from: '2026-12-01', to: '2027-01-31' },
      ),
    ).toEqual(['2026-12-16', '2026-12-30', '2027-01-13', '2027-01-27']);
  });

  it('skips the months without the day of a meeting on the 31st, as the calendar export does', () => {
    expect(
      listOccurrences(
        { firstDate: '2026-01-31', repeat: 'monthly' },
        { from: '2026-01-01', to: '2026-08-31' },
      ),
    ).toEqual(['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31', '2026-08-31']);
  });

  it('meets on 29 February in leap years only when it repeats yearly', () => {
    expect(
      listOccurrences(
        { firstDate: '2024-02-29', repeat: 'yearly' },
        { from: '2024-01-01', to: '2040-12-31' },
      ),
    ).toEqual(['2024-02-29', '2028-02-29', '2032-02-29', '2036-02-29', '2040-02-29']);
    expect(isOccurrence({ firstDate: '2024-02-29', repeat: 'yearly' }, '2100-02-28')).toBe(false);
  });

  it('repeats every semester on the same day of the month', () => {
    expect(
      listOccurrences(
        { firstDate: '2026-08-31', repeat: 'every-semester' },
        { from: '2026-01-01', to: '2028-12-31' },
      ),
    ).toEqual(['2026-08-31', '2027-08-31', '2028-08-31']);
    expect(
      listOccurrences(
        { firstDate: '2026-08-17', repeat: 'every-semester' },
        { from: '2026-01-01', to: '2027-12-31' },
      ),
    ).toEqual(['2026-08-17', '2027-02-17', '2027-08-17']);
  });

  it('has one date when it does not repeat, and none before its first date', () => {
    expect(listOccurrences({ firstDate: '2026-03-02', repeat: 'none' }, all)).toEqual([
      '2026-03-02',
    ]);
    expect(
      listOccurrences(
        { firstDate: '2026-03-02', repeat: 'weekly' },
        { from: '2026-01-01', to: '2026-03-01' },
      ),
    ).toEqual([]);
  });

  it('lists nothing for a first date that is not a date', () => {
    expect(listOccurrences({ firstDate: 'September', repeat: 'weekly' }, all)).toEqual([]);
    expect(listOccurrences({ firstDate: '2026-02-30', repeat: 'weekly' }, all)).toEqual([]);
  });

  it('tells the dates before today from those from today on', () => {
    const schedule = { firstDate: '2026-09-02', repeat: 'weekly' } as const;
    expect(occurrencesAround(schedule, '2026-09-23', { past: 2, upcoming: 2 })).toEqual({
      past: ['2026-09-09', '2026-09-16'],
      upcoming: ['2026-09-23', '2026-09-30'],
    });
    expect(occurrencesAround(schedule, '2026-08-01', { past: 2, upcoming: 1 })).toEqual({
      past: [],
      upcoming: ['2026-09-02'],
    });
  });

  it('does not depend on the time zone of the process', () => {
    // Dates are computed without Date: the same answer under any TZ.
    const before = process.env.TZ;
    const answers = ['Pacific/Kiritimati', 'America/Adak', 'UTC'].map((zone) => {
      process.env.TZ = zone;
      return listOccurrences(
        { firstDate: '2026-03-08', repeat: 'weekly' },
        { from: '2026-03-01', to: '2026-04-01' },
      );
    });
    process.env.TZ = before;
    expect(answers[0]).toEqual(['2026-03-08', '2026-03-15', '2026-03-22', '2026-03-29']);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });
});
