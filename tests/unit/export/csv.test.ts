import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { setRating } from '../../../core/schema/index.ts';
import { exportCsv } from '../../../core/export/index.ts';
import { buildTable } from './build-document.ts';

function parse(csv: string): string[][] {
  const parsed = Papa.parse<string[]>(csv, { newline: '\r\n', delimiter: ',' });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const textTable = (cells: string[]) =>
  buildTable({
    title: 'Notes',
    columns: [
      { id: 'id', kind: 'number', title: 'Row' },
      { id: 'note', kind: 'text', title: 'Note' },
    ],
    rows: cells.map((note, index) => ({ values: { id: index + 1, note } })),
  });

describe('RFC 4180', () => {
  const awkward = [
    'plain',
    'comma, inside',
    'a "quoted" word',
    'two\nlines',
    'windows\r\nline',
    ' padded ',
    'Señora Muñoz — 学校 👩🏽‍🏫',
    '',
  ];
  const csv = exportCsv(textTable(awkward));

  test('the header row is the column titles', () => {
    expect(csv.startsWith('Row,Note\r\n')).toBe(true);
  });

  test('parsing the output back gives every cell exactly as typed', () => {
    expect(parse(csv)).toEqual([
      ['Row', 'Note'],
      ...awkward.map((note, index) => [String(index + 1), note]),
    ]);
  });

  test('records end in CRLF and fields are quoted only when they must be, with quotes doubled', () => {
    expect(csv).toContain('\r\n1,plain\r\n');
    expect(csv).toContain('\r\n2,"comma, inside"\r\n');
    expect(csv).toContain('\r\n3,"a ""quoted"" word"\r\n');
    expect(csv).toContain('\r\n4,"two\nlines"\r\n');
  });

  test('a table with columns but no rows is just the header', () => {
    expect(
      exportCsv(buildTable({ title: 'Empty', columns: [{ id: 'a', kind: 'text', title: 'A' }] })),
    ).toBe('A');
  });

  test('a table with no columns is empty', () => {
    expect(exportCsv(buildTable({ title: 'Nothing', columns: [] }))).toBe('');
  });
});

describe('formula injection', () => {
  test('text a spreadsheet would run as a formula gets a leading apostrophe', () => {
    const formulas = [
      '=SUM(A1)',
      '+1',
      '-2+3',
      '@cmd',
      '\t=1+1',
      '\r=1+1',
      '=HYPERLINK("http://x")\nsecond line',
    ];
    const rows = parse(exportCsv(textTable(formulas))).slice(1);
    expect(rows.map((row) => row[1])).toEqual(formulas.map((formula) => `'${formula}`));
  });

  test('a negative number stays a plain number', () => {
    const table = buildTable({
      title: 'Numbers',
      columns: [{ id: 'n', kind: 'number', title: 'Change' }],
      rows: [{ values: { n: -5 } }, { values: { n: 2.5 } }],
    });
    expect(exportCsv(table)).toBe('Change\r\n-5\r\n2.5');
  });

  test('a column title that looks like a formula is neutralised too', () => {
    const table = buildTable({
      title: 'T',
      columns: [{ id: 'a', kind: 'text', title: '=cmd|"/c calc"!A1' }],
    });
    expect(parse(exportCsv(table))[0]).toEqual([`'=cmd|"/c calc"!A1`]);
  });

  test('text that merely contains an equals sign or a dash is left alone', () => {
    expect(parse(exportCsv(textTable(['a=b', 'follow-up'])))[1]![1]).toBe('a=b');
  });
});

describe('cell values', () => {
  const table = buildTable(
    {
      title: 'Review',
      columns: [
        { id: 'minutes', kind: 'minutes', title: 'Minutes' },
        { id: 'done', kind: 'checkbox', title: 'Done' },
        {
          id: 'tags',
          kind: 'multi-choice',
          title: 'Tags',
          options: [
            { id: 'a', label: 'Access' },
            { id: 'b', label: 'Barriers' },
          ],
        },
        {
          id: 'rating',
          kind: 'rating',
          title: 'How often',
          scale: ['Never', 'Sometimes', 'Always'],
        },
        { id: 'num', kind: 'number', title: 'Initiated' },
        { id: 'den', kind: 'number', title: 'Referred' },
        { id: 'rate', kind: 'rate', title: 'Initiated rate', numerator: 'num', denominator: 'den' },
      ],
      rows: [{ id: 'r1', values: { minutes: 45, done: true, tags: ['a', 'b'], num: 2, den: 3 } }],
    },
    (doc, sectionId) => {
      setRating(doc, sectionId, 'r1', 'rating', 'Ana', 2);
      setRating(doc, sectionId, 'r1', 'rating', 'Ben', 0);
    },
  );

  test('minutes are bare numbers, and the rest reads as in every other export', () => {
    expect(parse(exportCsv(table))[1]).toEqual([
      '45',
      'Yes',
      'Access; Barriers',
      'Never: 1, Always: 1',
      '2',
      '3',
      '67%',
    ]);
  });
});
