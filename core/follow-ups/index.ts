export { collectFollowUps, collectFromTable } from './collect.ts';
export type { FollowUp, FollowUpField, FollowUpSource } from './collect.ts';
export { listOwners, matchesFilter } from './filter.ts';
export { withCurrentOwnerNames } from './owner-names.ts';
export type { FollowUpFilter, OwnerFilter } from './filter.ts';
export { isOverdue, localDay } from './overdue.ts';
export { sortByDeadline } from './sort.ts';
export { mayHaveNextSteps, TEMPLATES_WITH_NEXT_STEPS } from './templates.ts';
