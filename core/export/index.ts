export { CHECKED_TEXT, cellText } from './cell-text.ts';
export { csvRecords, exportCsv } from './csv.ts';
export { findTable } from './find-table.ts';
export { exportHtml, exportHtmlBody } from './html.ts';
export { HTML_STYLESHEET } from './html-stylesheet.ts';
export { exportIcs } from './ics.ts';
export type { IcsExport, IcsOptions, SkippedRow } from './ics.ts';
export { exportMarkdown } from './markdown.ts';
export { suppressSmallCellsOf, withSmallCellsSuppressed } from './small-cells.ts';
