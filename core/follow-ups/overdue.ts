import type { FollowUp } from './collect.ts';

/** The calendar day of `now` where the person is (local time), as YYYY-MM-DD. */
export function localDay(now: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Not done and its deadline was before `today` (YYYY-MM-DD); a task due today is not yet overdue. */
export function isOverdue(row: FollowUp, today: string): boolean {
  return !row.done && row.deadline.iso !== null && row.deadline.iso < today;
}
