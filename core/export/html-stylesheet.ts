/**
 * The stylesheet embedded in the HTML export. On screen it is a readable page; printed (most
 * handouts are), it fills US Letter with 0.75in margins, black on white, tables ruled in black,
 * table headers repeated on every page, and no row or heading split from what follows it. A
 * table wider than a portrait page gets a landscape page of its own; type stays at 9 pt or more
 * and words wrap at spaces (only a token longer than its column, such as a URL, breaks).
 */
export const HTML_STYLESHEET = `
@page { size: letter; margin: 0.75in; }
@page wide { size: letter landscape; margin: 0.4in; }
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
th, td { border: 1px solid #777; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; word-break: normal; hyphens: manual; }
th.rating-title { text-align: center; }
th.rating-level { font-weight: 600; text-align: center; vertical-align: bottom; }
td.rating-box { text-align: center; white-space: nowrap; font-size: 1.2em; line-height: 1.1; }
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
  /* A wide table (the meeting calendar has fourteen columns, the metrics twelve) prints on a
     landscape page of its own at 9 pt, its headings whole, never shrunk below legibility. */
  section:has(.table-wrap.wide) { page: wide; }
  .table-wrap.wide table { font-size: 9pt; line-height: 1.25; }
  .table-wrap.wide th, .table-wrap.wide td { padding: 0.1rem 0.2rem; }
  td.rating-box { font-size: 11pt; }
}
`;
