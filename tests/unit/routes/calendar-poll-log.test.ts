import { describe, expect, test } from 'vitest';
import { CalendarPollLog } from '../../../sync-server/routes/calendar-poll-log.ts';

describe('the calendar poll log', () => {
  test('says "first" once per link and document each UTC day, and again the next day', () => {
    const log = new CalendarPollLog();
    const morning = new Date('2026-12-07T08:00:00Z');
    expect(log.isFirstToday('link-a', 'doc-1', morning)).toBe(true);
    expect(log.isFirstToday('link-a', 'doc-1', new Date('2026-12-07T23:59:59Z'))).toBe(false);
    expect(log.isFirstToday('link-b', 'doc-1', morning)).toBe(true);
    expect(log.isFirstToday('link-a', 'doc-2', morning)).toBe(true);
    expect(log.isFirstToday('link-a', 'doc-1', new Date('2026-12-08T00:00:00Z'))).toBe(true);
  });
});
