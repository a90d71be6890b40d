import * as Y from 'yjs';
import type { Inline, NoteBlock } from './note-blocks.ts';

/** Writing note blocks into a Y.XmlFragment, in the shape y-prosemirror reads (see `note.ts`). */

/** Appends blocks to a fragment that is already part of a document. */
export function writeNoteBlocks(fragment: Y.XmlFragment, blocks: readonly NoteBlock[]): void {
  fragment.insert(fragment.length, blocks.map(toElement));
}

/** Fills a new, still detached element: reading its length before it joins a document is invalid in Yjs. */
function fillElement(element: Y.XmlElement, blocks: readonly NoteBlock[]): void {
  element.insert(0, blocks.map(toElement));
}

function toElement(block: NoteBlock): Y.XmlElement {
  switch (block.type) {
    case 'paragraph':
      return textElement('paragraph', block.content);
    case 'heading': {
      const element = textElement('heading', block.content);
      // y-prosemirror keeps node attributes as-is; Tiptap's heading expects a number.
      element.setAttribute('level', block.level as unknown as string);
      return element;
    }
    case 'bulletList':
    case 'orderedList': {
      const list = new Y.XmlElement(block.type);
      if (block.type === 'orderedList' && block.start !== undefined && block.start !== 1) {
        list.setAttribute('start', block.start as unknown as string);
      }
      list.insert(
        0,
        block.items.map((item) => {
          const listItem = new Y.XmlElement('listItem');
          fillElement(listItem, item.length > 0 ? item : [{ type: 'paragraph', content: [] }]);
          return listItem;
        }),
      );
      return list;
    }
    case 'blockquote': {
      const quote = new Y.XmlElement('blockquote');
      fillElement(quote, block.blocks);
      return quote;
    }
    case 'horizontalRule':
      return new Y.XmlElement('horizontalRule');
  }
}

/**
 * A paragraph or heading. A "\n" inside a run becomes Tiptap's hardBreak node, which is how
 * ProseMirror keeps a line break within one paragraph (an address, a signature).
 */
function textElement(name: string, content: readonly Inline[]): Y.XmlElement {
  const element = new Y.XmlElement(name);
  const children: (Y.XmlText | Y.XmlElement)[] = [];
  let line: { insert: string; attributes: Record<string, object> }[] = [];
  const endLine = (): void => {
    if (line.length === 0) return;
    const text = new Y.XmlText();
    text.applyDelta(line);
    children.push(text);
    line = [];
  };
  for (const run of content) {
    run.text.split('\n').forEach((part, index) => {
      if (index > 0) {
        endLine();
        children.push(new Y.XmlElement('hardBreak'));
      }
      if (part !== '')
        line.push({ insert: part, attributes: markAttributes({ ...run, text: part }) });
    });
  }
  endLine();
  element.insert(0, children);
  return element;
}

function markAttributes(run: Inline): Record<string, object> {
  const attributes: Record<string, object> = {};
  if (run.bold) attributes.bold = {};
  if (run.italic) attributes.italic = {};
  if (run.strike) attributes.strike = {};
  if (run.code) attributes.code = {};
  if (run.link !== undefined) attributes.link = { href: run.link };
  return attributes;
}
