import type { FollowUp } from './collect.ts';

/**
 * Earliest deadline first. A deadline that is not a calendar date ("Beginning of next semester",
 * or none) cannot be placed in time, so those rows go last; ties keep the order they came in
 * (documents as listed, rows as in their table), so the list does not shuffle between reads.
 */
export function sortByDeadline(rows: readonly FollowUp[]): FollowUp[] {
  return rows
    .map((row, position) => ({ row, position }))
    .sort((a, b) => {
      const left = a.row.deadline.iso;
      const right = b.row.deadline.iso;
      if (left !== right) {
        if (left === null) return 1;
        if (right === null) return -1;
        return left < right ? -1 : 1;
      }
      return a.position - b.position;
    })
    .map(({ row }) => row);
}
