import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addTime,
  changeTimer,
  nextTopic,
  pauseTimer,
  previousTopic,
  readAgenda,
  readTimer,
  resetTimer,
  resumeTimer,
  startTimer,
  type TimerTransition,
} from '../../../core/facilitation/index.ts';
import { deleteRow, moveRow, readTimerState } from '../../../core/schema/index.ts';
import { AGENDA_SECTION_ID, createDocument } from '../../../core/templates/index.ts';
import { ReplicaNetwork } from '../../support/replica-network.ts';

/*
 * Two or three facilitators press timer buttons at once on laptops that exchange updates late,
 * partly and out of order. Every replica must end with the same timer, that timer must be one
 * whole state somebody wrote (never the topic of one press mixed with the clock of another), and
 * it must read without problems. fast-check prints the seed of a failing run.
 */

const T0 = Date.UTC(2026, 10, 29, 15, 0, 0);

function workingSession(): Y.Doc {
  const doc = new Y.Doc();
  const created = createDocument(doc, { template: 'roles-working-session' });
  if (!created.ok) throw new Error(created.message);
  return doc;
}

const TRANSITIONS: Record<string, TimerTransition> = {
  start: startTimer,
  pause: pauseTimer,
  resume: resumeTimer,
  next: nextTopic,
  previous: previousTopic,
  plusOne: addTime(60_000),
  plusFive: addTime(5 * 60_000),
  reset: resetTimer,
};

const operation = fc.oneof(
  fc.record({
    type: fc.constant('press' as const),
    replica: fc.nat(2),
    button: fc.constantFrom(...Object.keys(TRANSITIONS)),
    at: fc.nat(3_600_000),
  }),
  fc.record({
    type: fc.constant('move-row' as const),
    replica: fc.nat(2),
    from: fc.nat(4),
    to: fc.nat(4),
  }),
  fc.record({ type: fc.constant('delete-row' as const), replica: fc.nat(2), at: fc.nat(4) }),
  fc.record({
    type: fc.constant('sync' as const),
    source: fc.nat(2),
    target: fc.nat(2),
    limit: fc.integer({ min: 1, max: 4 }),
    seed: fc.nat(),
  }),
);

describe('facilitators pressing at once', () => {
  test('every replica converges to one whole written timer state that reads without problems', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (operations, finalSeed) => {
          const network = new ReplicaNetwork(workingSession(), 3);
          const written = new Set<string>(['idle']);
          for (const op of operations) {
            if (op.type === 'sync') {
              network.deliver(op.source, op.target, op.limit, op.seed);
              continue;
            }
            const doc = network.replicas[op.replica]!;
            const rows = readAgenda(doc)!.value;
            if (op.type === 'press') {
              if (changeTimer(doc, TRANSITIONS[op.button]!, T0 + op.at))
                written.add(JSON.stringify(readTimerState(doc).value));
            } else if (op.type === 'move-row' && rows[op.from] !== undefined) {
              moveRow(doc, AGENDA_SECTION_ID, rows[op.from]!.rowId, op.to);
            } else if (op.type === 'delete-row' && rows[op.at] !== undefined && rows.length > 1) {
              deleteRow(doc, AGENDA_SECTION_ID, rows[op.at]!.rowId);
            }
          }
          network.deliverAll(finalSeed);
          const states = network.replicas.map((doc) => readTimerState(doc));
          for (const state of states) {
            expect(state.problems).toEqual([]);
            expect(state.value).toEqual(states[0]!.value);
          }
          const final = states[0]!.value;
          expect(written.has(final.kind === 'idle' ? 'idle' : JSON.stringify(final))).toBe(true);
          // And it shows a topic whenever it runs over a non-empty agenda.
          const agenda = readAgenda(network.replicas[0]!)!.value;
          const reading = readTimer(final, agenda, T0 + 3_600_000);
          if (final.kind !== 'idle' && agenda.length > 0) expect(reading.current).not.toBeNull();
        },
      ),
      { numRuns: 60 },
    );
  });

  test('two facilitators pressing "next" at the same moment move the agenda on by one topic, not two', () => {
    const network = new ReplicaNetwork(workingSession(), 2);
    const [a, b] = network.replicas as [Y.Doc, Y.Doc];
    changeTimer(a, startTimer, T0);
    network.deliverAll(1);
    changeTimer(a, nextTopic, T0 + 60_000);
    changeTimer(b, nextTopic, T0 + 60_400);
    network.deliverAll(2);
    for (const doc of [a, b])
      expect(readTimer(readTimerState(doc).value, readAgenda(doc)!.value, T0 + 60_500).index).toBe(
        1,
      );
  });

  test('a pause and a "+5 min" pressed at once keep one of them whole', () => {
    const network = new ReplicaNetwork(workingSession(), 2);
    const [a, b] = network.replicas as [Y.Doc, Y.Doc];
    changeTimer(a, startTimer, T0);
    network.deliverAll(1);
    changeTimer(a, pauseTimer, T0 + 60_000);
    changeTimer(b, addTime(5 * 60_000), T0 + 60_000);
    const candidates = [
      JSON.stringify(readTimerState(a).value),
      JSON.stringify(readTimerState(b).value),
    ];
    network.deliverAll(2);
    expect(JSON.stringify(readTimerState(a).value)).toBe(JSON.stringify(readTimerState(b).value));
    expect(candidates).toContain(JSON.stringify(readTimerState(a).value));
  });
});
