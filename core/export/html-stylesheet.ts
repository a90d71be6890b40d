/**
 * The stylesheet embedded in the HTML export. On screen it is a readable page; printed (most
 * handouts are), it fills US Letter with 0.75in margins, black on white, tables ruled in black,
 * table headers repeated on every page, and no row or heading split from what follows it.
 */
export const HTML_STYLESHEET = `
@page { size: letter; margin: 0.75in; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
  margin: 0 auto;
  max-width: 52rem;
  padding: 2rem 1.5rem 4rem;
  font-family: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
  font-size: 1.0625rem;
  line-height: 1.5;
  color: #111;
  background: #fff;
}
h1, h2, h3, h4, h5, th, caption {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.25;
}
h1, h2, h3, h4, h5 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
h1 { font-size: 1.9rem; margin: 0 0 1.5rem; }
h2 { font-size: 1.4rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.25rem; border-bottom: 1px solid #999; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
h4 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
h5 { font-size: 1rem; margin: 1rem 0 0.5rem; }
p { margin: 0 0 0.75rem; orphans: 3; widows: 3; }
ul, ol { margin: 0 0 0.75rem; padding-left: 1.75rem; }
li > p { margin: 0; }
blockquote { margin: 0 0 0.75rem; padding-left: 1rem; border-left: 3px solid #888; color: #333; }
hr { border: 0; border-top: 1px solid #999; margin: 1.5rem 0; }
code { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; font-size: 0.9em; background: #f2f2f2; padding: 0 0.2em; }
a { color: #0b5394; }
.description { color: #333; }
.notice { font-style: italic; color: #444; }
.table-wrap { overflow-x: auto; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; line-height: 1.35; }
th, td { border: 1px solid #777; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; font-weight: 600; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
td.empty { color: #555; font-style: italic; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.pathway-figure { margin: 0 0 1rem; }
.pathway-figure svg { display: block; max-width: 100%; height: auto; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.pathway-figure figcaption { font-size: 0.9rem; }
.pathway-problems { color: #6b4500; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; line-height: 1.4; color: #000; background: #fff; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; border-bottom-color: #000; }
  h3 { font-size: 12pt; }
  h4, h5 { font-size: 11pt; }
  table { font-size: 9.5pt; }
  th, td { border-color: #000; color: #000; }
  th { background: #fff; border-bottom-width: 2px; }
  blockquote, .description, .notice, td.empty { color: #000; border-left-color: #000; }
  code { background: none; }
  a { color: #000; text-decoration: underline; }
  /* Paper cannot be clicked: print where a web link goes. */
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; overflow-wrap: anywhere; }
  .table-wrap { overflow: visible; }
  /* A wide table (the metrics table has twelve columns) gets smaller type and padding, so its
     column headings fit the page's width without breaking inside words ("Pe/rio/d"). */
  th { overflow-wrap: normal; }
  table:has(th:nth-child(8)) { font-size: 7.5pt; }
  table:has(th:nth-child(8)) th, table:has(th:nth-child(8)) td { padding: 0.2rem 0.2rem; hyphens: auto; }
}
`;
