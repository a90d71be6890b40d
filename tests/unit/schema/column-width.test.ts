import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addTableSection,
  initializeDocument,
  readTable,
  resizeColumn,
} from '../../../core/schema/index.ts';
import { columnWidth, suggestedColumnWidth, type Column } from '../../../core/tables/index.ts';

function tableDoc(): Y.Doc {
  const doc = new Y.Doc();
  initializeDocument(doc, { title: 'Table', template: null }, (d) =>
    addTableSection(d, {
      id: 't',
      title: 'Calendar',
      columns: [
        { id: 'topic', kind: 'text', title: 'Potential topic(s)' },
        { id: 'done', kind: 'checkbox', title: 'Done' },
        { id: 'date', kind: 'date', title: 'First date' },
        {
          id: 'goal',
          kind: 'checkbox',
          title: 'Ensure every student who needs services gets them',
        },
      ],
    }),
  );
  return doc;
}

const column = (doc: Y.Doc, id: string): Column =>
  readTable(doc, 't')!.value.columns.find((c) => c.id === id)!;

describe('column widths by kind', () => {
  test('long text is wide; checkbox and date are narrow', () => {
    const doc = tableDoc();
    expect(columnWidth(column(doc, 'topic'))).toBeGreaterThanOrEqual(240);
    expect(columnWidth(column(doc, 'done'))).toBeLessThanOrEqual(100);
    expect(columnWidth(column(doc, 'date'))).toBeLessThan(columnWidth(column(doc, 'topic')));
  });

  test('a column is wide enough for the longest word of its title, and a long title gets about three lines', () => {
    const word = { id: 'x', kind: 'checkbox', title: 'Responsibilities', hint: '' } as const;
    expect(suggestedColumnWidth(word)).toBeGreaterThanOrEqual('Responsibilities'.length * 9);
    const doc = tableDoc();
    expect(columnWidth(column(doc, 'goal'))).toBeGreaterThan(150);
  });
});

describe('resizing a column', () => {
  test('is stored in the document, so every replica draws the same width', () => {
    const doc = tableDoc();
    const other = new Y.Doc();
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(other, update));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(resizeColumn(doc, 't', 'done', 160).ok).toBe(true);
    expect(column(other, 'done').width).toBe(160);
    expect(columnWidth(column(other, 'done'))).toBe(160);
  });

  test('is kept within 48–1200 px, and null goes back to the suggested width', () => {
    const doc = tableDoc();
    resizeColumn(doc, 't', 'done', 5);
    expect(column(doc, 'done').width).toBe(48);
    resizeColumn(doc, 't', 'done', 99_999);
    expect(column(doc, 'done').width).toBe(1200);
    resizeColumn(doc, 't', 'done', null);
    expect(column(doc, 'done').width).toBeUndefined();
  });

  test('a width written by a hostile or newer client is reported and ignored, never thrown', () => {
    const doc = tableDoc();
    const columns = (doc.getArray('sections').get(0) as Y.Map<unknown>).get('columns') as Y.Array<
      Y.Map<unknown>
    >;
    const entry = columns.toArray().find((map) => map.get('id') === 'done') ?? columns.get(1);
    entry.set('width', 'wide');
    const read = readTable(doc, 't')!;
    expect(read.value.columns.find((c) => c.id === 'done')?.width).toBeUndefined();
    expect(read.problems.some((problem) => problem.path.endsWith('.width'))).toBe(true);
  });

  test('an unknown column is reported without throwing', () => {
    expect(resizeColumn(tableDoc(), 't', 'gone', 200).ok).toBe(false);
  });
});
