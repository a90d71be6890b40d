import { describe, expect, test } from 'vitest';
import { sameCell, sameRow } from '../../../core/schema/same-cell.ts';

describe('telling whether a row changed between two reads', () => {
  test('equal values in new objects are the same; any difference is not', () => {
    expect(sameCell({ kind: 'text', text: 'a' }, { kind: 'text', text: 'a' })).toBe(true);
    expect(sameCell({ kind: 'text', text: 'a' }, { kind: 'text', text: 'b' })).toBe(false);
    expect(sameCell({ kind: 'number', value: 1 }, { kind: 'minutes', value: 1 })).toBe(false);
    expect(
      sameCell(
        { kind: 'multi-choice', optionIds: ['x', 'y'] },
        { kind: 'multi-choice', optionIds: ['x', 'y'] },
      ),
    ).toBe(true);
    expect(
      sameCell(
        { kind: 'multi-choice', optionIds: ['x'] },
        { kind: 'multi-choice', optionIds: ['x', 'y'] },
      ),
    ).toBe(false);
    expect(
      sameCell(
        { kind: 'rating', answers: [{ participant: 'Ana', level: 2 }] },
        { kind: 'rating', answers: [{ participant: 'Ana', level: 3 }] },
      ),
    ).toBe(false);
    expect(
      sameCell(
        { kind: 'date', iso: null, text: 'soon' },
        { kind: 'date', iso: null, text: 'soon' },
      ),
    ).toBe(true);
  });

  test('rows compare cell by cell and by id', () => {
    const row = {
      id: 'r1',
      cells: { task: { kind: 'text', text: 'x' }, done: { kind: 'checkbox', checked: false } },
    } as const;
    expect(
      sameRow(row, {
        id: 'r1',
        cells: { task: { kind: 'text', text: 'x' }, done: { kind: 'checkbox', checked: false } },
      }),
    ).toBe(true);
    expect(
      sameRow(row, {
        id: 'r1',
        cells: { task: { kind: 'text', text: 'x' }, done: { kind: 'checkbox', checked: true } },
      }),
    ).toBe(false);
    expect(sameRow(row, { id: 'r2', cells: row.cells })).toBe(false);
    expect(sameRow(row, { id: 'r1', cells: { task: { kind: 'text', text: 'x' } } })).toBe(false);
  });
});
