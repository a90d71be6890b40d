export { COLUMN_KINDS, FREQUENCY_SCALE, isColumnKind, isTextKind } from './column-kinds.ts';
export type { ChoiceOption, Column, ColumnKind, ColumnSpec } from './column-kinds.ts';
export { computeRate, isIsoDate, normalizeCellInput } from './cell-values.ts';
export type { CellInput, CellValue, NormalizedInput, RatingAnswer } from './cell-values.ts';
export { columnWidth, suggestedColumnWidth } from './column-width.ts';
