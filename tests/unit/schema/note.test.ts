import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { addNoteSection, initializeDocument, readNote, type NoteBlock } from '../../../core/schema/index.ts';

function noteWith(blocks: NoteBlock[]): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc();
  let id = '';
  initializeDocument(doc, { title: 'Notes', template: null }, (d) => {
    id = addNoteSection(d, { title: 'Letter', blocks });
  });
  return { doc, id };
}

describe('note sections', () => {
  test('headings, marks, links, nested lists, quotes and rules read back as written', () => {
    const blocks: NoteBlock[] = [
      { type: 'heading', level: 2, content: [{ text: 'Dear staff,' }] },
      { type: 'paragraph', content: [{ text: 'Please do ' }, { text: 'not', bold: true }, { text: ' share ' }, { text: 'student', italic: true, strike: true }, { text: ' details. See ' }, { text: 'FERPA', link: 'https://studentprivacy.ed.gov/' }, { text: ' and ' }, { text: 'code', code: true }] },
      { type: 'bulletList', items: [[{ type: 'paragraph', content: [{ text: 'One' }] }, { type: 'bulletList', items: [[{ type: 'paragraph', content: [{ text: 'Nested' }] }]] }]] },
      { type: 'orderedList', start: 3, items: [[{ type: 'paragraph', content: [{ text: 'Third question' }] }]] },
      { type: 'blockquote', blocks: [{ type: 'paragraph', content: [{ text: 'Quoted' }] }] },
      { type: 'horizontalRule' },
    ];
    const { doc, id } = noteWith(blocks);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readNote(copy, id)).toEqual({ value: blocks, problems: [] });
  });

  test('a line break inside a paragraph is kept as a hard break', () => {
    const { doc, id } = noteWith([{ type: 'paragraph', content: [{ text: 'Riverside USD\nStudent support office' }] }]);
    expect(readNote(doc, id)?.value).toEqual([{ type: 'paragraph', content: [{ text: 'Riverside USD' }, { text: '\n' }, { text: 'Student support office' }] }]);
  });

  test('writing notes does not read detached Yjs types (which Yjs warns about)', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      noteWith([{ type: 'bulletList', items: [[{ type: 'paragraph', content: [{ text: 'x' }] }]] }, { type: 'blockquote', blocks: [{ type: 'paragraph', content: [] }] }]);
    } finally {
      console.warn = original;
    }
    expect(warnings).toEqual([]);
  });
});
