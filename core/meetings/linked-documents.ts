import type { DocumentView, Inline, NoteBlock } from '../schema/index.ts';

/** A link to a document page, absolute or relative: `/d/ID`, `https://host/d/ID#section-x`. */
const DOCUMENT_LINK = /(?:^|\/\/[^/]+)\/d\/([A-Za-z0-9_.-]{1,120})(?:[/?#]|$)/;

function inlinesOf(block: NoteBlock): readonly Inline[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return block.content;
    case 'bulletList':
    case 'orderedList':
      return block.items.flatMap((item) => item.flatMap(inlinesOf));
    case 'blockquote':
      return block.blocks.flatMap(inlinesOf);
    case 'horizontalRule':
      return [];
  }
}

/**
 * The documents a document links to from its notes, each once, in the order they appear; its own
 * id is left out. A meeting's open next steps include those of the documents its previous meeting
 * linked to (a data review, the working session where roles were agreed).
 */
export function listLinkedDocuments(view: DocumentView, ownId: string): string[] {
  const ids: string[] = [];
  for (const section of view.sections) {
    if (section.kind !== 'note') continue;
    for (const inline of section.blocks.flatMap(inlinesOf)) {
      const match = inline.link === undefined ? null : DOCUMENT_LINK.exec(inline.link);
      const id = match?.[1];
      if (id !== undefined && id !== ownId && !ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}
