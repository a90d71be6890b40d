import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addRow,
  addTableSection,
  ensureTextCell,
  initializeDocument,
  readTable,
  setCell,
  setRating,
  trackRowDeletions,
} from '../../../core/schema/index.ts';
import { FREQUENCY_SCALE } from '../../../core/tables/index.ts';

function twoReplicas(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  initializeDocument(a, { title: 'Table', template: null }, (d) =>
    addTableSection(d, {
      id: 't',
      title: 'Next steps',
      columns: [
        { id: 'task', kind: 'text', title: 'Task' },
        { id: 'count', kind: 'number', title: 'Count' },
        { id: 'how-often', kind: 'rating', title: 'How often', scale: FREQUENCY_SCALE },
      ],
      rows: [
        { id: 'r1', values: { task: 'Draft MOU', count: 3 } },
        { id: 'r2', values: { task: 'Call the clinic' } },
      ],
    }),
  );
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  a.on(
    'update',
    (update: Uint8Array, origin: unknown) => origin !== 'b' && Y.applyUpdate(b, update, 'a'),
  );
  b.on(
    'update',
    (update: Uint8Array, origin: unknown) => origin !== 'a' && Y.applyUpdate(a, update, 'b'),
  );
  return [a, b];
}

const tasks = (doc: Y.Doc) =>
  readTable(doc, 't')!.value.rows.map((row) =>
    row.cells.task?.kind === 'text' ? row.cells.task.text : '',
  );

describe('undoing a row deletion', () => {
  test('brings the row back whole, in its place, for everyone', () => {
    const [a, b] = twoReplicas();
    setRating(a, 't', 'r1', 'how-often', 'p-ana', 3);
    const deletions = trackRowDeletions(a, 't')!;
    expect(deletions.canUndo()).toBe(false);
    expect(deletions.deleteRow('r1').ok).toBe(true);
    expect(tasks(b)).toEqual(['Call the clinic']);
    expect(deletions.undo()).toBe(true);
    for (const doc of [a, b]) {
      expect(tasks(doc)).toEqual(['Draft MOU', 'Call the clinic']);
      const row = readTable(doc, 't')!.value.rows[0]!;
      expect(row.cells.count).toEqual({ kind: 'number', value: 3 });
      expect(row.cells['how-often']).toEqual({
        kind: 'rating',
        answers: [{ participant: 'p-ana', level: 3 }],
      });
    }
    // The restored cell is still collaborative text.
    ensureTextCell(b, 't', readTable(b, 't')!.value.rows[0]!.id, 'task')!.insert(0, 'Legal: ');
    expect(tasks(a)[0]).toBe('Legal: Draft MOU');
  });

  test("undoes only one's own deletions, never someone else's edits", () => {
    const [a, b] = twoReplicas();
    const mine = trackRowDeletions(a, 't')!;
    mine.deleteRow('r2');
    addRow(b, 't', { values: { task: 'Added by B' } });
    setCell(b, 't', 'r1', 'count', 5);
    trackRowDeletions(b, 't')!.deleteRow('r1');
    mine.undo();
    // B's deletion of r1 stays; B's new row and A's restored one are both there.
    expect([...tasks(a)].sort()).toEqual(['Added by B', 'Call the clinic']);
    expect(tasks(b)).toEqual(tasks(a));
    expect(mine.undo()).toBe(false);
  });
});
