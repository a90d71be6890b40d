export { ALL_PROVIDERS, funnelByPeriod, funnelRates, readPeriodCounts } from './funnel.ts';
export type { FunnelPoint, FunnelRates, PeriodCounts } from './funnel.ts';
export { changeFromPrevious } from './change.ts';
export type { PeriodChange } from './change.ts';
export { aggregateRubric, compareRubricRounds } from './rubric.ts';
export type { PracticeChange, PracticeResult, RubricResult } from './rubric.ts';
