import type { Inline } from '../schema/index.ts';
import { safeHref } from './safe-href.ts';

/**
 * Inline rich text as CommonMark/GFM. Two jobs: write the marks (bold, italic, strike, code,
 * links) so they parse back as written, and escape the user's text so it never turns into
 * formatting, HTML, a list or a heading it was not meant to be.
 */

export interface InlineOptions {
  /** Headings and titles: line breaks become spaces, and `#` is escaped so a trailing "#" is not eaten as a closing sequence. */
  readonly singleLine?: boolean;
}

/** Escaped anywhere in text. `<` covers HTML and autolinks, `|` GFM tables, `~` strikethrough, `&` only before an entity. */
const SPECIAL = /[\\`*_[\]<~|]|&(?=#?[a-z0-9]+;)/gi;

/**
 * Text at the start of a line, where `#`, `>`, `-`, `+`, `=` and "1." or "1)" would start a
 * heading, quote, list, setext underline or thematic break.
 */
const LINE_START = /^[#>+=-]/;
const ORDERED_MARKER = /^(\d+)([.)])/;

/** Escapes plain text for Markdown. `atLineStart` when the text begins a line of output. */
export function escapeMarkdownText(
  text: string,
  atLineStart: boolean,
  options: InlineOptions = {},
): string {
  let escaped = text.replace(SPECIAL, '\\$&');
  if (options.singleLine) escaped = escaped.replace(/#/g, '\\#');
  if (atLineStart) escaped = escaped.replace(LINE_START, '\\$&').replace(ORDERED_MARKER, '$1\\$2');
  return escaped;
}

type MarkKey = 'link' | 'bold' | 'italic' | 'strike';

interface Mark {
  readonly key: MarkKey;
  readonly href?: string;
}

const OPEN: Record<MarkKey, string> = { link: '[', bold: '**', italic: '*', strike: '~~' };

/**
 * Marks outermost first. A run's marks open in this order and close in reverse, and a mark shared
 * with the previous run stays open, so "**bold *and italic***" comes out as one bold span.
 */
function marksOf(run: Inline): Mark[] {
  const marks: Mark[] = [];
  const href = safeHref(run.link);
  if (href !== null) marks.push({ key: 'link', href });
  if (run.bold) marks.push({ key: 'bold' });
  if (run.italic) marks.push({ key: 'italic' });
  if (run.strike) marks.push({ key: 'strike' });
  return marks;
}

function closeMark(mark: Mark): string {
  return mark.key === 'link' ? `](${linkDestination(mark.href ?? '')})` : OPEN[mark.key];
}

/** Characters that would end or break a bare link destination, percent-encoded. */
function linkDestination(href: string): string {
  return href.replace(
    /[()<>\\]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** A code span fenced with one more backtick than the longest run inside it. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function sameMark(a: Mark | undefined, b: Mark | undefined): boolean {
  return a !== undefined && b !== undefined && a.key === b.key && a.href === b.href;
}

type Token = { readonly run: Inline; readonly text: string } | 'break';

function tokenize(content: readonly Inline[], singleLine: boolean): Token[] {
  const tokens: Token[] = [];
  for (const run of content) {
    const text = singleLine ? run.text.replace(/\r\n|\r|\n/g, ' ') : run.text;
    text.split(/\r\n|\r|\n/).forEach((piece, index) => {
      if (index > 0) tokens.push('break');
      if (piece !== '') tokens.push({ run, text: piece });
    });
  }
  while (tokens[0] === 'break') tokens.shift();
  while (tokens[tokens.length - 1] === 'break') tokens.pop();
  return tokens;
}

/**
 * Renders runs of inline text. Whitespace at the edge of a marked run is moved outside its
 * delimiters, because "** bold**" is not bold in CommonMark. A hard break (a newline in the text)
 * becomes a backslash line ending, with every mark closed before it and reopened after, so a
 * line never starts with a closing delimiter that cannot close.
 */
export function renderInline(content: readonly Inline[], options: InlineOptions = {}): string {
  let out = '';
  let open: Mark[] = [];
  let pendingSpace = '';
  let atLineStart = true;
  const closeFrom = (index: number): void => {
    for (let i = open.length - 1; i >= index; i--) out += closeMark(open[i]!);
    open = open.slice(0, index);
  };

  for (const token of tokenize(content, options.singleLine ?? false)) {
    if (token === 'break') {
      closeFrom(0);
      pendingSpace = '';
      out += '\\\n';
      atLineStart = true;
      continue;
    }
    const [, lead = '', core = '', trail = ''] = /^(\s*)(.*?)(\s*)$/s.exec(token.text) ?? [];
    if (core === '') {
      pendingSpace += token.text;
      continue;
    }
    const marks = marksOf(token.run);
    let keep = 0;
    while (keep < open.length && sameMark(open[keep], marks[keep])) keep++;
    closeFrom(keep);
    // Leading whitespace on a line would indent it, and four spaces make a code block.
    if (!atLineStart) out += pendingSpace + lead;
    for (const mark of marks.slice(keep)) {
      out += OPEN[mark.key];
      atLineStart = false;
    }
    open = marks;
    out += token.run.code ? codeSpan(core) : escapeMarkdownText(core, atLineStart, options);
    atLineStart = false;
    pendingSpace = trail;
  }
  closeFrom(0);
  return out;
}
