import type { DocumentView, Inline, NoteBlock, SectionView, TableView } from '../schema/index.ts';
import { suggestedColumnWidth, type Column } from '../tables/index.ts';
import { cellText } from './cell-text.ts';
import { HTML_STYLESHEET } from './html-stylesheet.ts';
import { ratingBoxes } from './rating-boxes.ts';
import { NEWER_SECTION_NOTICE, UNTITLED_DOCUMENT, UNTITLED_SECTION } from './placeholders.ts';
import { readPathwayFlow } from '../pathway/flow.ts';
import { PATHWAY_STEPS_SECTION_ID } from '../schema/referral-pathway-columns.ts';
import { renderPathwayFigure } from './pathway-svg.ts';
import { safeHref } from './safe-href.ts';

/**
 * The whole document as one standalone HTML5 page with an embedded print stylesheet (US Letter),
 * for a facilitator to hand out or print after a session. Nothing is fetched: no scripts, fonts
 * or images. Every piece of user text is escaped, and only http(s) and mailto links are links.
 */
export function exportHtml(view: DocumentView): string {
  const title = view.meta.title.trim() || UNTITLED_DOCUMENT;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${HTML_STYLESHEET}</style>`,
    '</head>',
    '<body>',
    '<main>',
    exportHtmlBody(view),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The content of the export's `<main>`: the title as h1, then each section. For a page that
 * shows the document inside its own frame (a print view, a version preview) and brings its own
 * styles; it is escaped exactly like the whole export. `idPrefix` keeps heading ids unique when
 * the page shows other content too.
 */
export function exportHtmlBody(view: DocumentView, idPrefix = 'section'): string {
  const title = view.meta.title.trim() || UNTITLED_DOCUMENT;
  return [
    `<h1>${escapeHtml(title)}</h1>`,
    ...view.sections.map((section, index) => renderSection(section, `${idPrefix}-${index + 1}`)),
  ].join('\n');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and quoted attribute values alike. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** Escaped text with its line breaks kept. */
function escapeLines(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, '<br>');
}

function renderSection(section: SectionView, headingId: string): string {
  const parts = [
    `<section aria-labelledby="${headingId}">`,
    `<h2 id="${headingId}">${escapeHtml(section.title.trim() || UNTITLED_SECTION)}</h2>`,
  ];
  switch (section.kind) {
    case 'note':
      parts.push(renderBlocks(section.blocks));
      break;
    case 'table':
      parts.push(
        renderDescription(section.table.description),
        renderTable(section.table, headingId),
      );
      if (section.id === PATHWAY_STEPS_SECTION_ID)
        parts.push(renderPathwayFigure(readPathwayFlow(section.table), section.title, headingId));
      break;
    case 'unknown':
      parts.push(`<p class="notice">${escapeHtml(NEWER_SECTION_NOTICE)}</p>`);
      break;
  }
  parts.push('</section>');
  return parts.filter((part) => part !== '').join('\n');
}

// Notes

function renderBlocks(blocks: readonly NoteBlock[]): string {
  return blocks
    .map(renderBlock)
    .filter((html) => html !== '')
    .join('\n');
}

function renderBlock(block: NoteBlock): string {
  switch (block.type) {
    case 'paragraph': {
      const html = renderInline(block.content);
      return html === '' ? '' : `<p>${html}</p>`;
    }
    case 'heading': {
      const html = renderInline(block.content);
      // The document title is h1 and sections h2, so a note's own headings start at h3.
      const tag = `h${block.level + 2}`;
      return html === '' ? '' : `<${tag}>${html}</${tag}>`;
    }
    case 'bulletList':
    case 'orderedList': {
      const tag = block.type === 'bulletList' ? 'ul' : 'ol';
      const items = block.items.map((item) => `<li>${renderBlocks(item)}</li>`);
      return items.length === 0 ? '' : `<${tag}>\n${items.join('\n')}\n</${tag}>`;
    }
    case 'blockquote': {
      const inner = renderBlocks(block.blocks);
      return inner === '' ? '' : `<blockquote>\n${inner}\n</blockquote>`;
    }
    case 'horizontalRule':
      return '<hr>';
  }
}

/** Each run wrapped in its marks, innermost code; a link whose target is not http(s) or mailto is kept as its text. */
function renderInline(content: readonly Inline[]): string {
  return content
    .map((run) => {
      let html = escapeLines(run.text);
      if (html === '') return '';
      if (run.code) html = `<code>${html}</code>`;
      if (run.strike) html = `<s>${html}</s>`;
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      const href = safeHref(run.link);
      if (href !== null) html = `<a href="${escapeHtml(href)}">${html}</a>`;
      return html;
    })
    .join('');
}

// Tables

function renderDescription(description: string): string {
  return description
    .split(/(?:\r?\n[ \t]*){2,}/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p class="description">${escapeLines(paragraph)}</p>`)
    .join('\n');
}

function isNumeric(column: Column): boolean {
  return column.kind === 'number' || column.kind === 'minutes' || column.kind === 'rate';
}

function renderTable(table: TableView, headingId: string): string {
  if (table.columns.length === 0) return '';
  const numberClass = (column: Column): string => (isNumeric(column) ? ' class="number"' : '');
  const hasRating = table.columns.some(
    (column) => column.kind === 'rating' && column.scale.length > 0,
  );
  // A rating column prints as the seed's rubric does: its title over one box column per level.
  const span = hasRating ? ' rowspan="2"' : '';
  const header = table.columns.map((column) =>
    column.kind === 'rating' && column.scale.length > 0
      ? `<th scope="colgroup" colspan="${column.scale.length}" class="rating-title">${escapeLines(column.title)}</th>`
      : `<th scope="col"${span}${numberClass(column)}>${escapeLines(column.title)}</th>`,
  );
  const levels = table.columns.flatMap((column) =>
    column.kind === 'rating'
      ? column.scale.map(
          (level) => `<th scope="col" class="rating-level">${escapeHtml(level)}</th>`,
        )
      : [],
  );
  const cells = (row: TableView['rows'][number]): string =>
    table.columns
      .map((column) =>
        column.kind === 'rating' && column.scale.length > 0
          ? ratingBoxes(row.cells[column.id], column)
              .map((box) => `<td class="rating-box">${escapeHtml(box)}</td>`)
              .join('')
          : `<td${numberClass(column)}>${escapeLines(cellText(row.cells[column.id], column))}</td>`,
      )
      .join('');
  const rows = table.rows.map((row) => `<tr>${cells(row)}</tr>`);
  const columnCount = table.columns.reduce(
    (sum, column) =>
      sum + (column.kind === 'rating' && column.scale.length > 0 ? column.scale.length : 1),
    0,
  );
  if (rows.length === 0)
    rows.push(`<tr><td class="empty" colspan="${columnCount}">No rows yet.</td></tr>`);
  // Wider than a portrait page (by the widths the app gives columns): printed on a landscape page.
  const wide =
    table.columns.reduce(
      (sum, column) => sum + (column.kind === 'rating' ? 0 : suggestedColumnWidth(column)),
      0,
    ) +
      (hasRating ? 6 * 64 : 0) >
    PORTRAIT_TABLE_PX;
  return [
    // Named by the section heading, so a screen reader announces which table it is.
    // A table wider than the window scrolls in its box, which the keyboard can reach (tabindex).
    `<div class="table-wrap${wide ? ' wide' : ''}" role="region" aria-labelledby="${headingId}" tabindex="0"><table aria-labelledby="${headingId}">`,
    `<thead><tr>${header.join('')}</tr>${levels.length > 0 ? `<tr>${levels.join('')}</tr>` : ''}</thead>`,
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table></div>',
  ].join('\n');
}

/** About what fits a Letter page's 7 printable inches at 96 px an inch, with room to spare. */
const PORTRAIT_TABLE_PX = 1000;
