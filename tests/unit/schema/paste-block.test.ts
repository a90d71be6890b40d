import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addTableSection,
  initializeDocument,
  pasteBlock,
  readTable,
} from '../../../core/schema/index.ts';
import { cellText } from '../../../core/export/cell-text.ts';
import { formatTsv, parseTsv } from '../../../core/tables/index.ts';

function tableDoc(): Y.Doc {
  const doc = new Y.Doc();
  initializeDocument(doc, { title: 'Table', template: null }, (d) =>
    addTableSection(d, {
      id: 't',
      title: 'Data',
      columns: [
        { id: 'task', kind: 'text', title: 'Task' },
        { id: 'count', kind: 'number', title: 'Count' },
        { id: 'done', kind: 'checkbox', title: 'Done' },
        {
          id: 'where',
          kind: 'choice',
          title: 'Where',
          options: [
            { id: 'all', label: 'All schools' },
            { id: 'some', label: 'Some schools' },
          ],
        },
      ],
      rows: [{ id: 'r1', values: { task: 'Draft MOU' } }],
    }),
  );
  return doc;
}

const shown = (doc: Y.Doc) => {
  const table = readTable(doc, 't')!.value;
  return table.rows.map((row) =>
    table.columns.map((column) => cellText(row.cells[column.id], column)),
  );
};

describe('clipboard blocks of cells', () => {
  test('a block copied from a spreadsheet reads as its rows and cells, quoted line breaks included', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseTsv('"two\nlines"\t"say ""hi"""\nx')).toEqual([['two\nlines', 'say "hi"'], ['x']]);
    expect(parseTsv('\t\n')).toEqual([['', '']]);
    const block = [
      ['Call the clinic', '1,250'],
      ['tab\there', 'line\nbreak "quoted"'],
    ];
    expect(parseTsv(formatTsv(block))).toEqual(block);
  });

  test('pasting fills cells down and right from one cell, adding rows past the last one', () => {
    const doc = tableDoc();
    const result = pasteBlock(
      doc,
      't',
      { row: 0, column: 1 },
      parseTsv('12\tYes\tAll schools\n1,250\t\tsome schools\n7\tx\t'),
    );
    expect(result).toEqual({ written: 9, addedRows: 2, problems: [] });
    expect(shown(doc)).toEqual([
      ['Draft MOU', '12', 'Yes', 'All schools'],
      ['', '1250', '', 'Some schools'],
      ['', '7', 'Yes', ''],
    ]);
  });

  test('a value that does not fit its column is left out and said, the rest is written', () => {
    const doc = tableDoc();
    const result = pasteBlock(doc, 't', { row: 0, column: 0 }, [
      ['Renew MOU', 'a dozen', 'Yes', 'Everywhere', 'extra'],
    ]);
    expect(result?.written).toBe(2);
    expect(result?.problems).toEqual([
      'Row 1: "a dozen" is not a number for "Count"',
      'Row 1: "Everywhere" is not one of its options for "Where"',
      'Row 1: "extra" is past the last column',
    ]);
    expect(shown(doc)).toEqual([['Renew MOU', '', 'Yes', '']]);
  });
});
