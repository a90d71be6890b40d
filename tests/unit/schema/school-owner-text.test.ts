import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  adaptationOwnerTextOf,
  ensureAdaptationOwnerText,
  readAdaptation,
  writeAdaptation,
} from '../../../core/schema/index.ts';

function exchange(a: Y.Doc, b: Y.Doc): void {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
}

describe("a school's own owner of a district meeting", () => {
  it('merges two people typing into it at once from empty, letter by letter, on both devices', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const textA = adaptationOwnerTextOf(a, 'row1')!;
    const textB = adaptationOwnerTextOf(b, 'row1')!;
    for (const letter of 'Ana') textA.insert(textA.length, letter);
    for (const letter of 'Bo') textB.insert(textB.length, letter);
    exchange(a, b);
    const owner = readAdaptation(a, 'row1').owner;
    expect(['AnaBo', 'BoAna']).toContain(owner);
    expect(readAdaptation(b, 'row1').owner).toBe(owner);
  });

  it("reads an earlier build's plain value, and the first edit moves it into the text", () => {
    const doc = new Y.Doc();
    doc.getMap('districtAdaptations').set('row1/owner', 'Ms. Park');
    expect(readAdaptation(doc, 'row1').owner).toBe('Ms. Park');
    expect(adaptationOwnerTextOf(doc, 'row1')).toBeNull();
    const text = ensureAdaptationOwnerText(doc, 'row1');
    text.insert(text.length, ' (counselor)');
    expect(readAdaptation(doc, 'row1').owner).toBe('Ms. Park (counselor)');
    expect(doc.getMap('districtAdaptations').has('row1/owner')).toBe(false);
  });

  it('emptied, follows the district again; time and first date stay whole values', () => {
    const doc = new Y.Doc();
    writeAdaptation(doc, 'row1', 'owner', 'Ms. Park');
    writeAdaptation(doc, 'row1', 'time', '10:30');
    expect(readAdaptation(doc, 'row1')).toEqual({
      dropped: false,
      owner: 'Ms. Park',
      time: '10:30',
      firstDate: null,
    });
    writeAdaptation(doc, 'row1', 'owner', null);
    writeAdaptation(doc, 'row1', 'time', null);
    expect(readAdaptation(doc, 'row1')).toEqual({
      dropped: false,
      owner: null,
      time: null,
      firstDate: null,
    });
  });
});
