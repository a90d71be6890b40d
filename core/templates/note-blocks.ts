import type { Inline, NoteBlock } from '../schema/index.ts';

/**
 * Short builders for the rich text templates write, so each template reads like the seed it
 * copies. A piece of text is either plain (a string) or a list of runs, for the seed's bold and
 * italic emphasis.
 *
 * The seed's links all point to "#" (their addresses were stripped when it was exported), so
 * templates keep each link's words as plain text: a link to nowhere would look clickable and
 * lead nowhere.
 */
export type Text = string | readonly Inline[];

function runs(text: Text): readonly Inline[] {
  return typeof text === 'string' ? [{ text }] : text;
}

export function paragraph(text: Text): NoteBlock {
  return { type: 'paragraph', content: runs(text) };
}

export function heading(text: Text, level: 1 | 2 | 3 = 3): NoteBlock {
  return { type: 'heading', level, content: runs(text) };
}

/** A list whose items are one paragraph each, or a paragraph followed by a nested list. */
export function bulletList(items: readonly (Text | readonly NoteBlock[])[]): NoteBlock {
  return { type: 'bulletList', items: items.map(listItem) };
}

export function orderedList(items: readonly (Text | readonly NoteBlock[])[]): NoteBlock {
  return { type: 'orderedList', items: items.map(listItem) };
}

function listItem(item: Text | readonly NoteBlock[]): readonly NoteBlock[] {
  return isBlocks(item) ? item : [paragraph(item)];
}

function isBlocks(item: Text | readonly NoteBlock[]): item is readonly NoteBlock[] {
  return typeof item !== 'string' && item.length > 0 && 'type' in item[0]!;
}

export function bold(text: string): Inline {
  return { text, bold: true };
}

export function italic(text: string): Inline {
  return { text, italic: true };
}

export function plain(text: string): Inline {
  return { text };
}
