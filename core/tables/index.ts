export { COLUMN_KINDS, FREQUENCY_SCALE, isColumnKind, isTextKind } from './column-kinds.ts';
export type { ChoiceOption, Column, ColumnKind, ColumnSpec, TextFormat } from './column-kinds.ts';
export { computeRate, isIsoDate, normalizeCellInput } from './cell-values.ts';
export type { CellInput, CellValue, NormalizedInput, RatingAnswer } from './cell-values.ts';
export { cellInputFromText } from './cell-from-text.ts';
export type { CellFromText } from './cell-from-text.ts';
export { formatTsv, parseTsv } from './tsv.ts';
export { columnWidth, suggestedColumnWidth } from './column-width.ts';
