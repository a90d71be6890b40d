import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  bindTextField,
  type TextField,
  type TextFieldBinding,
} from '../../../client/editor/text-field-binding.ts';
import { ReplicaNetwork } from '../../support/replica-network.ts';

/** A text field as the binding sees one: a value and a caret, as an <input> keeps them. */
class FakeField implements TextField {
  value = '';
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection = 'none' as const;
  setSelectionRange(start: number, end: number): void {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
  /** What the browser does on a keystroke: the letter replaces the selection, the caret follows it. */
  type(letter: string): void {
    this.value =
      this.value.slice(0, this.selectionStart) + letter + this.value.slice(this.selectionEnd);
    this.selectionStart = this.selectionEnd = this.selectionStart + letter.length;
  }
}

interface Typist {
  readonly field: FakeField;
  readonly binding: TextFieldBinding;
}

const BASE = 'Draft MOU';
const WORDS = ['alphaword', 'BRAVOWORD', '0123456789'];

function typists(network: ReplicaNetwork, caretAt: readonly number[]): Typist[] {
  return network.replicas.map((doc, index) => {
    const text = doc.getText('cell');
    const field = new FakeField();
    field.value = text.toString();
    field.setSelectionRange(caretAt[index]!, caretAt[index]!);
    const binding = bindTextField(text, field, { hasFocus: () => true });
    return { field, binding };
  });
}

type Step =
  | { readonly kind: 'key'; readonly replica: number }
  | {
      readonly kind: 'deliver';
      readonly source: number;
      readonly target: number;
      readonly limit: number;
      readonly seed: number;
    };

const step = (replicas: number): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({ kind: fc.constant('key' as const), replica: fc.nat(replicas - 1) }),
    fc.record({
      kind: fc.constant('deliver' as const),
      source: fc.nat(replicas - 1),
      target: fc.nat(replicas - 1),
      limit: fc.integer({ min: 1, max: 4 }),
      seed: fc.nat(),
    }),
  );

describe('typing together in one text field', () => {
  test("concurrent keystrokes from 2–3 people never interleave one person's run of letters with another's", () => {
    const schedule = fc.integer({ min: 2, max: 3 }).chain((replicas) =>
      fc.record({
        replicas: fc.constant(replicas),
        caretAt: fc.array(fc.nat(BASE.length), { minLength: replicas, maxLength: replicas }),
        steps: fc.array(step(replicas), { maxLength: 80 }),
      }),
    );
    fc.assert(
      fc.property(schedule, ({ replicas, caretAt, steps }) => {
        const base = new Y.Doc();
        base.getText('cell').insert(0, BASE);
        const network = new ReplicaNetwork(base, replicas);
        const people = typists(network, caretAt);
        const typed = people.map(() => 0);
        for (const next of steps) {
          if (next.kind === 'deliver') {
            network.deliver(next.source, next.target, next.limit, next.seed);
            continue;
          }
          const word = WORDS[next.replica]!;
          if (typed[next.replica]! >= word.length) continue;
          const person = people[next.replica]!;
          person.field.type(word[typed[next.replica]!]!);
          person.binding.writeFromField();
          typed[next.replica]!++;
        }
        network.deliverAll(1);
        const result = network.replicas[0]!.getText('cell').toString();
        for (const doc of network.replicas) expect(doc.getText('cell').toString()).toBe(result);
        people.forEach((person, index) => {
          // Each field shows the text, and each person's run of letters is whole in it.
          expect(person.field.value).toBe(result);
          expect(result).toContain(WORDS[index]!.slice(0, typed[index]));
        });
        expect(result.length).toBe(BASE.length + typed.reduce((sum, count) => sum + count, 0));
      }),
      { numRuns: 400 },
    );
  });

  test('the caret stays after the letter the person typed last, whatever others insert there', () => {
    const base = new Y.Doc();
    base.getText('cell').insert(0, 'intake');
    const network = new ReplicaNetwork(base, 2);
    const [a, b] = typists(network, [6, 6]);
    for (const letter of 'REFER') {
      b!.field.type(letter);
      b!.binding.writeFromField();
    }
    a!.field.type('!');
    a!.binding.writeFromField();
    network.deliverAll(7);
    expect(a!.field.value).toMatch(/^intake(!REFER|REFER!)$/);
    expect(a!.field.value.slice(0, a!.field.selectionStart)).toMatch(/!$/);
    expect(b!.field.value.slice(0, b!.field.selectionStart)).toMatch(/REFER$/);
  });

  test('a field nobody is working in just shows the new text', () => {
    const doc = new Y.Doc();
    const text = doc.getText('cell');
    const field = new FakeField();
    const binding = bindTextField(text, field, { hasFocus: () => false });
    text.insert(0, 'Break and snacks');
    expect(field.value).toBe('Break and snacks');
    binding.destroy();
    text.insert(0, 'x');
    expect(field.value).toBe('Break and snacks');
  });
});
