import type { DocumentView, NoteBlock, SectionView, TableView } from '../schema/index.ts';
import type { Column } from '../tables/index.ts';
import { cellText } from './cell-text.ts';
import { readPathwayFlow } from '../pathway/flow.ts';
import { PATHWAY_STEPS_SECTION_ID } from '../schema/referral-pathway-columns.ts';
import { ratingBoxes } from './rating-boxes.ts';
import { escapeMarkdownText, renderInline } from './markdown-inline.ts';
import { exportPathwayMermaid } from './pathway-mermaid.ts';
import { NEWER_SECTION_NOTICE, UNTITLED_DOCUMENT, UNTITLED_SECTION } from './placeholders.ts';

/**
 * The whole document as GitHub-flavoured Markdown: `# title`, a `##` heading per section, note
 * headings nested below that (a note's level 1 becomes `###`), and tables as GFM tables.
 * Everything the user typed is escaped, so a cell holding "|", "<script>" or "# 1" reads as typed.
 */
export function exportMarkdown(view: DocumentView): string {
  const blocks = [`# ${heading(view.meta.title, UNTITLED_DOCUMENT)}`];
  for (const section of view.sections) blocks.push(...renderSection(section));
  return blocks.join('\n\n') + '\n';
}

function heading(title: string, fallback: string): string {
  return renderInline([{ text: title.trim() || fallback }], { singleLine: true });
}

function renderSection(section: SectionView): string[] {
  const out = [`## ${heading(section.title, UNTITLED_SECTION)}`];
  switch (section.kind) {
    case 'note':
      out.push(renderBlocks(section.blocks, false));
      break;
    case 'table':
      out.push(renderDescription(section.table.description), renderTable(section.table));
      if (section.id === PATHWAY_STEPS_SECTION_ID) out.push(renderPathwayDiagram(section.table));
      break;
    case 'unknown':
      out.push(`*${escapeMarkdownText(NEWER_SECTION_NOTICE, false)}*`);
      break;
  }
  return out.filter((block) => block !== '');
}

/** The steps drawn as a Mermaid flowchart, which GitHub, GitLab and most wikis render. */
function renderPathwayDiagram(table: TableView): string {
  const flow = readPathwayFlow(table);
  return flow.steps.length === 0
    ? ''
    : ['```mermaid', exportPathwayMermaid(flow), '```'].join('\n');
}

// Notes

type ListBlock = NoteBlock & { readonly type: 'bulletList' | 'orderedList' };

function isList(block: NoteBlock): block is ListBlock {
  return block.type === 'bulletList' || block.type === 'orderedList';
}

/** A marker alone on its line (an empty item) cannot interrupt a paragraph, so it needs a blank line before it. */
const EMPTY_ITEM = /^(?:-|\d+\.)$/;

function renderBlocks(blocks: readonly NoteBlock[], inListItem: boolean): string {
  let out = '';
  let previous: NoteBlock | null = null;
  for (const block of blocks) {
    const text = renderBlock(block);
    if (text === '') continue;
    if (previous !== null) {
      if (isList(block) && block.type === previous.type) {
        // Two lists of the same kind with only a blank line between them would merge into one.
        out += '\n\n<!-- -->\n\n';
      } else if (inListItem && isList(block) && !EMPTY_ITEM.test(text.split('\n', 1)[0] ?? '')) {
        // A nested list right under its item's text keeps the outer list tight.
        out += '\n';
      } else {
        out += '\n\n';
      }
    }
    out += text;
    previous = block;
  }
  return out;
}

function renderBlock(block: NoteBlock): string {
  switch (block.type) {
    case 'paragraph':
      return renderInline(block.content);
    case 'heading': {
      const text = renderInline(block.content, { singleLine: true });
      // The document title is #, sections ##, so a note's own headings start at ###.
      return text === '' ? '' : `${'#'.repeat(block.level + 2)} ${text}`;
    }
    case 'bulletList':
    case 'orderedList':
      return renderList(block);
    case 'blockquote': {
      const inner = renderBlocks(block.blocks, false);
      return inner === '' ? '' : prefixLines(inner, '> ', '>');
    }
    case 'horizontalRule':
      return '---';
  }
}

function renderList(list: ListBlock): string {
  return list.items
    .map((item, index) => {
      const marker = list.type === 'bulletList' ? '-' : `${index + 1}.`;
      const body = renderBlocks(item, true);
      if (body === '') return marker;
      // Continuation lines are indented to the item's content column, which depends on the marker's width.
      const indent = ' '.repeat(marker.length + 1);
      const [first = '', ...rest] = body.split('\n');
      return [`${marker} ${first}`, ...rest.map((line) => (line === '' ? '' : indent + line))].join(
        '\n',
      );
    })
    .join('\n');
}

function prefixLines(text: string, prefix: string, emptyPrefix: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? emptyPrefix : prefix + line))
    .join('\n');
}

// Tables

/** The description as paragraphs: a blank line starts a new one, a single newline is a line break. */
function renderDescription(description: string): string {
  return description
    .split(/(?:\r?\n[ \t]*){2,}/)
    .map((paragraph) => renderInline([{ text: paragraph }]))
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

function isNumeric(column: Column): boolean {
  return column.kind === 'number' || column.kind === 'minutes' || column.kind === 'rate';
}

function renderTable(table: TableView): string {
  if (table.columns.length === 0) return '';
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  // A rating column becomes one column of boxes per level, as on the seed's paper rubric.
  const boxed = (column: Column): column is Column & { readonly kind: 'rating' } =>
    column.kind === 'rating' && column.scale.length > 0;
  return [
    line(
      table.columns.flatMap((column) =>
        boxed(column)
          ? column.scale.map((level) => tableCell(`${column.title}: ${level}`))
          : [tableCell(column.title)],
      ),
    ),
    line(
      table.columns.flatMap((column) =>
        boxed(column) ? column.scale.map(() => ':-:') : [isNumeric(column) ? '--:' : '---'],
      ),
    ),
    ...table.rows.map((row) =>
      line(
        table.columns.flatMap((column) =>
          boxed(column)
            ? ratingBoxes(row.cells[column.id], column)
            : [tableCell(cellText(row.cells[column.id], column))],
        ),
      ),
    ),
  ].join('\n');
}

/** A GFM cell is one line: `|` is escaped with the rest, and a line break becomes `<br>` (the only HTML we write). */
function tableCell(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => escapeMarkdownText(line.trim(), false))
    .join('<br>');
}
