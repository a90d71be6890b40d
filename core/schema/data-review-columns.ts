/**
 * Column ids of the data-review template's period-by-period metrics table. Metrics, charts and
 * CSV import read the table through these ids, so they are part of the document format: never
 * rename one. Counts are aggregates: the table never asks for a student's name or id.
 */
export const METRICS_COLUMNS = {
  period: 'period',
  provider: 'provider',
  referred: 'referred',
  offered: 'offered',
  initiated: 'initiated',
  active: 'active-after-month',
  providersTrained: 'providers-trained',
  providersTotal: 'providers-total',
  offeredRate: 'offered-rate',
  initiatedRate: 'initiated-rate',
  activeRate: 'active-rate',
  trainedRate: 'trained-rate',
} as const;

/** The section id of the metrics table in a document made from the data-review template. */
export const METRICS_SECTION_ID = 'metrics';
