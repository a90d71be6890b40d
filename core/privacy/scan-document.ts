import type { DocumentView } from '../schema/document.ts';
import type { NoteBlock } from '../schema/note.ts';
import { inlineText } from '../schema/note.ts';
import { findStudentIdentifiers, type IdentifierHint } from './student-identifiers.ts';

/** Every paragraph, heading and list item of a note as its own text, so no match spans two. */
function* blockTexts(blocks: readonly NoteBlock[]): Generator<string> {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        yield inlineText(block.content);
        break;
      case 'bulletList':
      case 'orderedList':
        for (const item of block.items) yield* blockTexts(item);
        break;
      case 'blockquote':
        yield* blockTexts(block.blocks);
        break;
      case 'horizontalRule':
        break;
    }
  }
}

/** The hints of each section that has any, by section id: notes by block, tables by text cell. */
export function scanDocument(view: DocumentView, today: Date): Map<string, IdentifierHint[]> {
  const found = new Map<string, IdentifierHint[]>();
  for (const section of view.sections) {
    const texts: string[] = [];
    if (section.kind === 'note') texts.push(...blockTexts(section.blocks));
    if (section.kind === 'table') {
      for (const row of section.table.rows) {
        for (const cell of Object.values(row.cells))
          if (cell.kind === 'text' || cell.kind === 'person' || cell.kind === 'date')
            texts.push(cell.text);
      }
    }
    const hints = texts.flatMap((text) => findStudentIdentifiers(text, today));
    if (hints.length > 0) found.set(section.id, hints);
  }
  return found;
}
