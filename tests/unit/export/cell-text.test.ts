import { describe, expect, test } from 'vitest';
import { setRating } from '../../../core/schema/index.ts';
import { FREQUENCY_SCALE, type Column } from '../../../core/tables/index.ts';
import { cellText } from '../../../core/export/index.ts';
import { buildTable } from './build-document.ts';

const table = buildTable(
  {
    title: 'Every kind',
    columns: [
      { id: 'text', kind: 'text', title: 'Task' },
      { id: 'person', kind: 'person', title: 'Owner' },
      { id: 'date', kind: 'date', title: 'Deadline' },
      { id: 'minutes', kind: 'minutes', title: 'Time' },
      { id: 'number', kind: 'number', title: 'Referred' },
      { id: 'done', kind: 'checkbox', title: 'Done' },
      {
        id: 'status',
        kind: 'choice',
        title: 'Status',
        options: [
          { id: 'open', label: 'Open' },
          { id: 'closed', label: 'Closed' },
        ],
      },
      {
        id: 'tags',
        kind: 'multi-choice',
        title: 'Tags',
        options: [
          { id: 'a', label: 'Access' },
          { id: 'b', label: 'Barriers' },
          { id: 'c', label: 'Communication' },
        ],
      },
      { id: 'rating', kind: 'rating', title: 'How often', scale: FREQUENCY_SCALE },
      { id: 'offered', kind: 'number', title: 'Offered' },
      {
        id: 'rate',
        kind: 'rate',
        title: 'Offered rate',
        numerator: 'offered',
        denominator: 'number',
      },
    ],
    rows: [
      {
        id: 'full',
        values: {
          text: 'Call the clinic',
          person: 'Dana',
          date: 'Beginning of next semester',
          minutes: 30,
          number: 12,
          done: true,
          status: 'closed',
          // Picked out of order: exports list them in the column's option order.
          tags: ['c', 'a'],
          offered: 9,
        },
      },
      { id: 'empty' },
    ],
  },
  (doc, sectionId) => {
    setRating(doc, sectionId, 'full', 'rating', 'Ana', 5);
    setRating(doc, sectionId, 'full', 'rating', 'Ben', 3);
    setRating(doc, sectionId, 'full', 'rating', 'Cy', 3);
  },
);

function text(rowId: string, columnId: string): string {
  const row = table.rows.find((candidate) => candidate.id === rowId)!;
  const column = table.columns.find((candidate) => candidate.id === columnId)!;
  return cellText(row.cells[columnId], column);
}

describe('filled cells', () => {
  test('text, person and date cells read as typed, free-text dates included', () => {
    expect(text('full', 'text')).toBe('Call the clinic');
    expect(text('full', 'person')).toBe('Dana');
    expect(text('full', 'date')).toBe('Beginning of next semester');
  });

  test('minutes read with their unit and numbers as the number', () => {
    expect(text('full', 'minutes')).toBe('30 min');
    expect(text('full', 'number')).toBe('12');
  });

  test('a ticked checkbox reads "Yes"', () => {
    expect(text('full', 'done')).toBe('Yes');
  });

  test('a choice reads as its label and picks as labels in option order joined by semicolons', () => {
    expect(text('full', 'status')).toBe('Closed');
    expect(text('full', 'tags')).toBe('Access; Communication');
  });

  test('a rating reads as answers counted per level in scale order', () => {
    expect(text('full', 'rating')).toBe('Often: 2, Always: 1');
  });

  test('a rate reads as a whole percentage', () => {
    expect(text('full', 'rate')).toBe('75%');
  });
});

describe('empty cells', () => {
  test('every kind reads blank when nothing was entered, an unticked checkbox included', () => {
    for (const column of table.columns) expect(text('empty', column.id), column.kind).toBe('');
  });

  test('a rate with no denominator reads blank rather than 0% or NaN', () => {
    expect(text('empty', 'rate')).toBe('');
  });

  test('a column kind from a newer build reads blank', () => {
    const column: Column = {
      id: 'future',
      title: 'Future',
      hint: '',
      kind: 'unknown',
      rawKind: 'signature',
    };
    expect(cellText({ kind: 'unknown' }, column)).toBe('');
  });

  test('a missing cell reads blank', () => {
    expect(cellText(undefined, table.columns[0]!)).toBe('');
  });
});
