import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addNoteSection,
  initializeDocument,
  noteFragment,
  readNote,
  type NoteBlock,
} from '../../../core/schema/index.ts';

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
      {
        type: 'paragraph',
        content: [
          { text: 'Please do ' },
          { text: 'not', bold: true },
          { text: ' share ' },
          { text: 'student', italic: true, strike: true },
          { text: ' details. See ' },
          { text: 'FERPA', link: 'https://studentprivacy.ed.gov/' },
          { text: ' and ' },
          { text: 'code', code: true },
        ],
      },
      {
        type: 'bulletList',
        items: [
          [
            { type: 'paragraph', content: [{ text: 'One' }] },
            { type: 'bulletList', items: [[{ type: 'paragraph', content: [{ text: 'Nested' }] }]] },
          ],
        ],
      },
      {
        type: 'orderedList',
        start: 3,
        items: [[{ type: 'paragraph', content: [{ text: 'Third question' }] }]],
      },
      { type: 'blockquote', blocks: [{ type: 'paragraph', content: [{ text: 'Quoted' }] }] },
      { type: 'horizontalRule' },
    ];
    const { doc, id } = noteWith(blocks);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readNote(copy, id)).toEqual({ value: blocks, problems: [] });
  });

  test('a line break inside a paragraph is kept as a hard break', () => {
    const { doc, id } = noteWith([
      { type: 'paragraph', content: [{ text: 'Riverside USD\nStudent support office' }] },
    ]);
    expect(readNote(doc, id)?.value).toEqual([
      {
        type: 'paragraph',
        content: [{ text: 'Riverside USD' }, { text: '\n' }, { text: 'Student support office' }],
      },
    ]);
  });

  test('writing notes does not read detached Yjs types (which Yjs warns about)', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      noteWith([
        { type: 'bulletList', items: [[{ type: 'paragraph', content: [{ text: 'x' }] }]] },
        { type: 'blockquote', blocks: [{ type: 'paragraph', content: [] }] },
      ]);
    } finally {
      console.warn = original;
    }
    expect(warnings).toEqual([]);
  });

  test('anything outside the note schema is read as text and reported: bare text, unknown elements, attributes and formats', () => {
    const { doc, id } = noteWith([{ type: 'paragraph', content: [{ text: 'Kept' }] }]);
    const fragment = noteFragment(doc, id)!;
    const paragraph = fragment.get(0) as Y.XmlElement;
    paragraph.setAttribute('onclick', 'alert(1)');
    const bare = new Y.XmlText();
    bare.insert(0, 'Bare text', {
      onclick: 'x',
      link: { href: 'javascript:alert(1)', onmouseover: 'x' },
    });
    const image = new Y.XmlElement('img');
    image.setAttribute('onerror', 'alert(1)');
    fragment.insert(1, [bare, image]);

    const read = readNote(doc, id)!;
    expect(read.value).toEqual([
      { type: 'paragraph', content: [{ text: 'Kept' }] },
      { type: 'paragraph', content: [{ text: 'Bare text', link: 'javascript:alert(1)' }] },
      { type: 'paragraph', content: [{ text: '' }] },
    ]);
    expect(
      read.problems.map((problem) => [problem.path.replace(/^.*content/, 'content'), problem.code]),
    ).toEqual([
      ['content[0]', 'invalid-value'],
      ['content[1]', 'wrong-type'],
      ['content[1]', 'invalid-value'],
      ['content[1]', 'invalid-value'],
      ['content[2]', 'unknown-kind'],
    ]);
  });
});
