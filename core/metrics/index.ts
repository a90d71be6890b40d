export { ALL_PROVIDERS, funnelByPeriod, funnelRates, readPeriodCounts } from './funnel.ts';
export type { FunnelPoint, FunnelRates, PeriodCounts } from './funnel.ts';
export { changeFromPrevious } from './change.ts';
export type { PeriodChange } from './change.ts';
export { aggregateRubric, compareRubricRounds, lowestRatedPractices } from './rubric.ts';
export type { PracticeChange, PracticeResult, RubricResult } from './rubric.ts';
export {
  COUNT_KEYS,
  metricsRowsOf,
  validateMetricsRows,
  validateMetricsTable,
} from './validation.ts';
export type { CountKey, MetricsFlag, MetricsFlagCode, MetricsRow } from './validation.ts';
export {
  DEFAULT_SMALL_CELL_THRESHOLD,
  FUNNELS,
  SUPPRESSED_TEXT,
  fewerThan,
  parseThreshold,
  showCount,
  showFunnelCounts,
  showFunnelRate,
  showRate,
} from './suppression.ts';
export type { Shown } from './suppression.ts';
export { accountOfParticipant, accountParticipantId, listRespondents } from './respondents.ts';
export type { RoundRespondents } from './respondents.ts';
export { parseMetricsCsv } from './csv-import.ts';
export type { ImportProblem, MetricsImport } from './csv-import.ts';
