import * as Y from 'yjs';
import { describeType, type Problem, type Read } from './problems.ts';
import { inlineText, type Inline, type NoteBlock } from './note-blocks.ts';
import { writeNoteBlocks } from './note-write.ts';
import { findSection, insertSection, type SectionPlacement } from './sections.ts';

export { inlineText, writeNoteBlocks };
export type { Inline, NoteBlock };

/**
 * A note section's rich text is a Y.XmlFragment in the shape y-prosemirror (Tiptap's
 * Collaboration extension) reads and writes: block elements named after Tiptap's StarterKit
 * nodes, text in Y.XmlText with marks as formatting attributes (`{bold: {}}`, `{link: {href}}`).
 * Templates write it through `writeNoteBlocks`; exports, the projector and the static rendering
 * read it through `readNoteFragment` (or `readNoteContent` for a section).
 */
const CONTENT = 'content';

export interface NoteSectionInit extends SectionPlacement {
  readonly blocks?: readonly NoteBlock[];
}

export function addNoteSection(doc: Y.Doc, init: NoteSectionInit): string {
  let id = '';
  doc.transact(() => {
    const section = insertSection(doc, 'note', init);
    const fragment = new Y.XmlFragment();
    section.map.set(CONTENT, fragment);
    writeNoteBlocks(fragment, init.blocks ?? []);
    id = section.id;
  });
  return id;
}

/** The fragment Tiptap's Collaboration extension binds to; null if the section is gone or malformed. */
export function noteFragment(doc: Y.Doc, sectionId: string): Y.XmlFragment | null {
  const content = findSection(doc, sectionId, 'note')?.get(CONTENT);
  return content instanceof Y.XmlFragment ? content : null;
}

export function readNote(doc: Y.Doc, sectionId: string): Read<NoteBlock[]> | null {
  const section = findSection(doc, sectionId, 'note');
  if (section === null) return null;
  const problems: Problem[] = [];
  return { value: readNoteContent(section, `sections[${sectionId}].content`, problems), problems };
}

export function readNoteContent(
  section: Y.Map<unknown>,
  path: string,
  problems: Problem[],
): NoteBlock[] {
  const content = section.get(CONTENT);
  if (!(content instanceof Y.XmlFragment)) {
    problems.push({
      path,
      code: content === undefined ? 'missing' : 'wrong-type',
      message: `note content should be rich text, found ${describeType(content)}`,
    });
    return [];
  }
  return readNoteFragment(content, path, problems);
}

// Reading: tolerant of anything another client may have written. What a client that follows the
// schema writes reads without problems; anything else (text outside a paragraph, an element or
// attribute the schema does not have, a mark it does not know) is read as plain text or dropped,
// and reported, because a note may come from a hostile client: nothing in a note ever reaches a
// page except through what this reader returns or the editor's own schema.

const TEXT_BLOCKS = new Set(['paragraph', 'heading']);

/** The attributes each element of the schema may carry; anything else is reported and ignored. */
const ELEMENT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  paragraph: [],
  heading: ['level'],
  bulletList: [],
  orderedList: ['start', 'type'],
  listItem: [],
  blockquote: [],
  horizontalRule: [],
  hardBreak: [],
};

/** Marks a text run may carry (Tiptap's StarterKit), and the attributes the link mark may have. */
const KNOWN_MARKS = new Set(['bold', 'italic', 'strike', 'code', 'underline', 'link']);
const LINK_ATTRIBUTES = new Set(['href', 'target', 'rel', 'class', 'title']);

/** The text of a note's fragment as blocks, for exports, the projector and the static rendering. */
export function readNoteFragment(
  fragment: Y.XmlFragment,
  path: string,
  problems: Problem[],
): NoteBlock[] {
  return readBlocks(fragment, path, problems);
}

function readBlocks(
  parent: Y.XmlFragment | Y.XmlElement,
  path: string,
  problems: Problem[],
): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  parent.toArray().forEach((child, index) => {
    const childPath = `${path}[${index}]`;
    if (child instanceof Y.XmlText) {
      // Bare text at block level: not what Tiptap writes (the editor cannot open it), readable as a paragraph.
      problems.push({
        path: childPath,
        code: 'wrong-type',
        message: 'text outside a paragraph in rich text; shown as a paragraph',
      });
      blocks.push({ type: 'paragraph', content: readInline(child, childPath, problems) });
      return;
    }
    if (!(child instanceof Y.XmlElement)) {
      problems.push({
        path: childPath,
        code: 'wrong-type',
        message: `unexpected ${describeType(child)} in rich text; skipped`,
      });
      return;
    }
    const block = readBlock(child, childPath, problems);
    if (block !== null) blocks.push(block);
  });
  return blocks;
}

function checkAttributes(element: Y.XmlElement, path: string, problems: Problem[]): void {
  const allowed = ELEMENT_ATTRIBUTES[element.nodeName] ?? [];
  for (const name of Object.keys(element.getAttributes())) {
    if (!allowed.includes(name))
      problems.push({
        path,
        code: 'invalid-value',
        message: `attribute "${name}" is not part of the note schema; ignored`,
      });
  }
}

function readBlock(element: Y.XmlElement, path: string, problems: Problem[]): NoteBlock | null {
  const name = element.nodeName;
  if (Object.hasOwn(ELEMENT_ATTRIBUTES, name)) checkAttributes(element, path, problems);
  if (TEXT_BLOCKS.has(name)) {
    const content = readInlineChildren(element, path, problems);
    if (name === 'paragraph') return { type: 'paragraph', content };
    const level = Number(element.getAttribute('level'));
    return { type: 'heading', level: level === 1 || level === 2 ? level : 3, content };
  }
  if (name === 'bulletList' || name === 'orderedList') {
    const items = element.toArray().map((item, index) => {
      const itemPath = `${path}[${index}]`;
      if (item instanceof Y.XmlElement && item.nodeName === 'listItem') {
        checkAttributes(item, itemPath, problems);
        return readBlocks(item, itemPath, problems);
      }
      problems.push({
        path: itemPath,
        code: 'wrong-type',
        message: 'a list holds something other than list items; its text is shown as an item',
      });
      return item instanceof Y.XmlElement || item instanceof Y.XmlText
        ? [{ type: 'paragraph', content: [{ text: plainText(item) }] } as const]
        : [];
    });
    const start = Number(element.getAttribute('start'));
    if (name === 'orderedList' && Number.isInteger(start) && start !== 1)
      return { type: name, items, start };
    return { type: name, items };
  }
  if (name === 'blockquote')
    return { type: 'blockquote', blocks: readBlocks(element, path, problems) };
  if (name === 'horizontalRule') {
    if (element.length > 0)
      problems.push({
        path,
        code: 'invalid-value',
        message: 'a horizontal rule holds content; it is not shown',
      });
    return { type: 'horizontalRule' };
  }
  // A node from a newer editor (a table, an image…) or a hostile one: keep its text so nothing disappears from view.
  problems.push({
    path,
    code: 'unknown-kind',
    message: `rich-text node "${name}" is not known to this build; its text is shown as a paragraph`,
  });
  return { type: 'paragraph', content: [{ text: plainText(element) }] };
}

function readInlineChildren(element: Y.XmlElement, path: string, problems: Problem[]): Inline[] {
  const content: Inline[] = [];
  element.toArray().forEach((child, index) => {
    const childPath = `${path}[${index}]`;
    if (child instanceof Y.XmlText) content.push(...readInline(child, childPath, problems));
    else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
      checkAttributes(child, childPath, problems);
      if (child.length > 0)
        problems.push({
          path: childPath,
          code: 'invalid-value',
          message: 'a line break holds content; it is not shown',
        });
      content.push({ text: '\n' });
    } else if (child instanceof Y.XmlElement) {
      problems.push({
        path: childPath,
        code: 'unknown-kind',
        message: `"${child.nodeName}" inside a paragraph is not part of the note schema; its text is shown`,
      });
      content.push({ text: plainText(child) });
    }
  });
  return content;
}

interface DeltaOp {
  insert?: unknown;
  attributes?: Record<string, unknown>;
}

function readInline(text: Y.XmlText, path: string, problems: Problem[] | null): Inline[] {
  const runs: Inline[] = [];
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== 'string') {
      problems?.push({
        path,
        code: 'wrong-type',
        message: 'an embedded object inside text is not part of the note schema; skipped',
      });
      continue;
    }
    const attributes = op.attributes ?? {};
    for (const name of Object.keys(attributes)) {
      if (!KNOWN_MARKS.has(name))
        problems?.push({
          path,
          code: 'invalid-value',
          message: `text format "${name}" is not part of the note schema; ignored`,
        });
    }
    const link = attributes.link as { href?: unknown } | null | undefined;
    if (link != null && typeof link === 'object') {
      for (const name of Object.keys(link)) {
        if (!LINK_ATTRIBUTES.has(name))
          problems?.push({
            path,
            code: 'invalid-value',
            message: `link attribute "${name}" is not part of the note schema; ignored`,
          });
      }
    }
    runs.push({
      text: op.insert,
      ...(attributes.bold != null && { bold: true }),
      ...(attributes.italic != null && { italic: true }),
      ...(attributes.strike != null && { strike: true }),
      ...(attributes.code != null && { code: true }),
      ...(typeof link?.href === 'string' && { link: link.href }),
    });
  }
  return runs;
}

function plainText(element: Y.XmlElement | Y.XmlText): string {
  if (element instanceof Y.XmlText) return inlineText(readInline(element, '', null));
  return element
    .toArray()
    .map((child) =>
      child instanceof Y.XmlElement || child instanceof Y.XmlText ? plainText(child) : '',
    )
    .join('');
}
