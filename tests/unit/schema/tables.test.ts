import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addChoiceOption,
  addColumn,
  addRow,
  addTableSection,
  deleteColumn,
  deleteRow,
  ensureTextCell,
  initializeDocument,
  moveRow,
  readTable,
  renameColumn,
  setCell,
  setPicked,
  setRating,
  textCell,
} from '../../../core/schema/index.ts';
import { FREQUENCY_SCALE } from '../../../core/tables/index.ts';

function tableDoc(): Y.Doc {
  const doc = new Y.Doc();
  initializeDocument(doc, { title: 'Table', template: null }, (d) =>
    addTableSection(d, {
      id: 't',
      title: 'Everything',
      columns: [
        { id: 'task', kind: 'text', title: 'Task' },
        { id: 'owner', kind: 'person', title: 'Owner' },
        { id: 'deadline', kind: 'date', title: 'Deadline' },
        { id: 'minutes', kind: 'minutes', title: 'Time' },
        { id: 'count', kind: 'number', title: 'Count' },
        { id: 'total', kind: 'number', title: 'Total' },
        { id: 'share', kind: 'rate', title: 'Share', numerator: 'count', denominator: 'total' },
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
        {
          id: 'goals',
          kind: 'multi-choice',
          title: 'Goals',
          options: [
            { id: 'g1', label: 'Collaboration' },
            { id: 'g2', label: 'Access' },
          ],
        },
        { id: 'how-often', kind: 'rating', title: 'How often', scale: FREQUENCY_SCALE },
      ],
      rows: [{ id: 'r1' }],
    }),
  );
  return doc;
}

const cells = (doc: Y.Doc, rowId = 'r1') =>
  readTable(doc, 't')!.value.rows.find((row) => row.id === rowId)!.cells;

describe('cells of every column kind', () => {
  test('hold what was written and read it back typed', () => {
    const doc = tableDoc();
    expect(setCell(doc, 't', 'r1', 'task', 'Draft the MOU').ok).toBe(true);
    expect(setCell(doc, 't', 'r1', 'owner', 'Resource coordinator').ok).toBe(true);
    expect(setCell(doc, 't', 'r1', 'deadline', '2027-01-15').ok).toBe(true);
    expect(setCell(doc, 't', 'r1', 'minutes', 30).ok).toBe(true);
    expect(setCell(doc, 't', 'r1', 'count', 3).ok).toBe(true);
    expect(setCell(doc, 't', 'r1', 'total', 4).ok).toBe(true);
    expect(setCell(doc, 't', 'r1', 'done', true).ok).toBe(true);
    expect(setCell(doc, 't', 'r1', 'where', 'some').ok).toBe(true);
    expect(setCell(doc, 't', 'r1', 'goals', ['g2']).ok).toBe(true);
    expect(setRating(doc, 't', 'r1', 'how-often', 'Ana', 4).ok).toBe(true);
    expect(setRating(doc, 't', 'r1', 'how-often', 'Ben', 2).ok).toBe(true);
    expect(cells(doc)).toEqual({
      task: { kind: 'text', text: 'Draft the MOU' },
      owner: { kind: 'person', text: 'Resource coordinator' },
      deadline: { kind: 'date', iso: '2027-01-15', text: '2027-01-15' },
      minutes: { kind: 'minutes', value: 30 },
      count: { kind: 'number', value: 3 },
      total: { kind: 'number', value: 4 },
      share: { kind: 'rate', value: 0.75 },
      done: { kind: 'checkbox', checked: true },
      where: { kind: 'choice', optionId: 'some' },
      goals: { kind: 'multi-choice', optionIds: ['g2'] },
      'how-often': {
        kind: 'rating',
        answers: [
          { participant: 'Ana', level: 4 },
          { participant: 'Ben', level: 2 },
        ],
      },
    });
  });

  test("a deadline may be free text, as the toolkit's own example is", () => {
    const doc = tableDoc();
    setCell(doc, 't', 'r1', 'deadline', 'Beginning of next semester');
    expect(cells(doc).deadline).toEqual({
      kind: 'date',
      iso: null,
      text: 'Beginning of next semester',
    });
    setCell(doc, 't', 'r1', 'deadline', '2027-02-30');
    expect(cells(doc).deadline).toMatchObject({ iso: null });
  });

  test('values that do not fit the column are refused with a message and change nothing', () => {
    const doc = tableDoc();
    const before = Y.encodeStateAsUpdate(doc);
    for (const [column, value] of [
      ['minutes', -5],
      ['minutes', 2.5],
      ['count', Number.NaN],
      ['done', 'yes'],
      ['where', 'nowhere'],
      ['goals', ['g9']],
      ['task', 3],
      ['share', 1],
      ['how-often', 2],
    ] as const) {
      const result = setCell(doc, 't', 'r1', column, value);
      expect(result, `${column} = ${String(value)}`).toMatchObject({
        ok: false,
        reason: 'invalid',
        message: expect.stringMatching(/expects/),
      });
    }
    expect(setRating(doc, 't', 'r1', 'how-often', 'Ana', 6)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(setRating(doc, 't', 'r1', 'how-often', ' ', 1)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(setPicked(doc, 't', 'r1', 'goals', 'g9', true)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  test('a rate is empty when its denominator is zero or missing', () => {
    const doc = tableDoc();
    setCell(doc, 't', 'r1', 'count', 3);
    expect(cells(doc).share).toEqual({ kind: 'rate', value: null });
    setCell(doc, 't', 'r1', 'total', 0);
    expect(cells(doc).share).toEqual({ kind: 'rate', value: null });
  });

  test('each participant keeps one rating, and clearing it removes only theirs', () => {
    const doc = tableDoc();
    setRating(doc, 't', 'r1', 'how-often', 'Ana', 1);
    setRating(doc, 't', 'r1', 'how-often', 'Ana', 3);
    setRating(doc, 't', 'r1', 'how-often', 'Ben', 5);
    setRating(doc, 't', 'r1', 'how-often', 'Ben', null);
    expect(cells(doc)['how-often']).toEqual({
      kind: 'rating',
      answers: [{ participant: 'Ana', level: 3 }],
    });
  });

  test("an answer an older build keyed by name is replaced by its owner's id-keyed answer, counted once", () => {
    const doc = tableDoc();
    setRating(doc, 't', 'r1', 'how-often', 'Ana', 2);
    setRating(doc, 't', 'r1', 'how-often', 'Ben', 4);
    setRating(doc, 't', 'r1', 'how-often', 'p-3f9k2m', 3, { replaces: 'Ana' });
    expect(cells(doc)['how-often']).toEqual({
      kind: 'rating',
      answers: [
        { participant: 'Ben', level: 4 },
        { participant: 'p-3f9k2m', level: 3 },
      ],
    });
  });

  test('two people ticking different options of one multi-choice cell at once both count', () => {
    const a = tableDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setPicked(a, 't', 'r1', 'goals', 'g1', true);
    setPicked(b, 't', 'r1', 'goals', 'g2', true);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(cells(a).goals).toEqual({ kind: 'multi-choice', optionIds: ['g1', 'g2'] });
  });

  test('two people typing in one text cell at once merge character by character', () => {
    const a = tableDoc();
    setCell(a, 't', 'r1', 'task', 'Draft MOU');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    textCell(a, 't', 'r1', 'task')!.insert(0, 'Legal: ');
    textCell(b, 't', 'r1', 'task')!.insert(9, ' by May');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(cells(a).task).toEqual({ kind: 'text', text: 'Legal: Draft MOU by May' });
    expect(cells(b).task).toEqual(cells(a).task);
  });
});

describe('rows and columns', () => {
  test('rows can be added at a position, moved and deleted', () => {
    const doc = tableDoc();
    const r2 = addRow(doc, 't', { values: { task: 'second' } });
    const r0 = addRow(doc, 't', { index: 0, values: { task: 'first' } });
    setCell(doc, 't', 'r1', 'task', 'middle');
    const order = () =>
      readTable(doc, 't')!.value.rows.map((row) => (row.cells.task as { text: string }).text);
    expect(order()).toEqual(['first', 'middle', 'second']);
    expect(r2.ok && moveRow(doc, 't', r2.id, 0).ok).toBe(true);
    expect(order()).toEqual(['second', 'first', 'middle']);
    expect(r0.ok && deleteRow(doc, 't', r0.id).ok).toBe(true);
    expect(order()).toEqual(['second', 'middle']);
  });

  test('a row with an invalid initial value is not added', () => {
    const doc = tableDoc();
    expect(addRow(doc, 't', { values: { minutes: -1 } })).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    expect(addRow(doc, 't', { values: { nope: 'x' } })).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
    expect(readTable(doc, 't')!.value.rows).toHaveLength(1);
  });

  test('a new text column gets an editable cell in every existing row', () => {
    const doc = tableDoc();
    const added = addColumn(doc, 't', { kind: 'text', title: 'Notes' });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(textCell(doc, 't', 'r1', added.id)).toBeInstanceOf(Y.Text);
    expect(cells(doc)[added.id]).toEqual({ kind: 'text', text: '' });
  });

  test('columns can be renamed, given new options, and deleted with their cells', () => {
    const doc = tableDoc();
    setCell(doc, 't', 'r1', 'goals', ['g1']);
    expect(renameColumn(doc, 't', 'goals', 'Meeting goals').ok).toBe(true);
    const option = addChoiceOption(doc, 't', 'goals', 'Effectiveness');
    expect(option.ok).toBe(true);
    const goals = readTable(doc, 't')!.value.columns.find((column) => column.id === 'goals');
    expect(goals).toMatchObject({
      title: 'Meeting goals',
      options: [{ label: 'Collaboration' }, { label: 'Access' }, { label: 'Effectiveness' }],
    });
    expect(deleteColumn(doc, 't', 'goals').ok).toBe(true);
    expect(cells(doc).goals).toBeUndefined();
    expect(readTable(doc, 't')!.problems).toEqual([]);
  });

  test('a text cell missing because its row and column were made concurrently is created on first edit', () => {
    const a = tableDoc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const column = addColumn(a, 't', { kind: 'text', title: 'Notes' });
    const row = addRow(b, 't');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    if (!column.ok || !row.ok) throw new Error('setup failed');
    expect(textCell(a, 't', row.id, column.id)).toBeNull();
    ensureTextCell(a, 't', row.id, column.id)!.insert(0, 'typed');
    expect(cells(a, row.id)[column.id]).toEqual({ kind: 'text', text: 'typed' });
  });

  test('writing to a row another replica deleted reports not-found', () => {
    const doc = tableDoc();
    deleteRow(doc, 't', 'r1');
    expect(setCell(doc, 't', 'r1', 'task', 'x')).toMatchObject({ ok: false, reason: 'not-found' });
    expect(setRating(doc, 't', 'r1', 'how-often', 'Ana', 1)).toMatchObject({
      ok: false,
      reason: 'not-found',
    });
    expect(ensureTextCell(doc, 't', 'r1', 'task')).toBeNull();
  });
});
