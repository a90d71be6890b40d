import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { diffText } from '../../../client/editor/text-diff.ts';

function apply(text: string, edit: ReturnType<typeof diffText>): string {
  return edit === null
    ? text
    : text.slice(0, edit.index) + edit.insert + text.slice(edit.index + edit.deleteCount);
}

describe('turning an input value into a text edit', () => {
  test('applying the edit to the old value always gives the new value', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        expect(apply(before, diffText(before, after))).toBe(after);
      }),
      { numRuns: 500 },
    );
  });

  test('typing a letter is one insertion where the caret is, not a rewrite', () => {
    expect(diffText('Draft MOU', 'Draft the MOU', 10)).toEqual({
      index: 6,
      deleteCount: 0,
      insert: 'the ',
    });
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' });
    expect(diffText('Task', 'Tsk')).toEqual({ index: 1, deleteCount: 1, insert: '' });
  });

  test('two people typing in one cell through these edits both keep their words', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('cell').insert(0, 'Draft MOU');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const [doc, after] of [
      [a, 'Legal: Draft MOU'],
      [b, 'Draft MOU by May'],
    ] as const) {
      const text = doc.getText('cell');
      const edit = diffText(text.toString(), after)!;
      text.delete(edit.index, edit.deleteCount);
      text.insert(edit.index, edit.insert);
    }
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(a.getText('cell').toString()).toBe('Legal: Draft MOU by May');
  });
});
