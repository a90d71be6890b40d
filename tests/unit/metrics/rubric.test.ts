import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { aggregateRubric, compareRubricRounds } from '../../../core/metrics/index.ts';
import {
  addTableSection,
  initializeDocument,
  readTable,
  setRating,
} from '../../../core/schema/index.ts';
import { FREQUENCY_SCALE } from '../../../core/tables/index.ts';

function rubric(answers: Record<string, Record<string, number>>): {
  doc: Y.Doc;
  read: () => ReturnType<typeof aggregateRubric>;
} {
  const doc = new Y.Doc();
  initializeDocument(doc, { title: 'Assessment', template: null }, (d) => {
    addTableSection(d, {
      id: 'rubric',
      title: 'Rubric',
      columns: [
        { id: 'practice', kind: 'text', title: 'Practice' },
        { id: 'rating', kind: 'rating', title: 'How often', scale: FREQUENCY_SCALE },
      ],
      rows: [
        ...Object.keys(answers).map((practice) => ({ id: practice, values: { practice } })),
        { id: 'blank', values: { practice: '' } },
      ],
    });
  });
  for (const [practice, byPerson] of Object.entries(answers)) {
    for (const [person, level] of Object.entries(byPerson))
      setRating(doc, 'rubric', practice, 'rating', person, level);
  }
  return { doc, read: () => aggregateRubric(readTable(doc, 'rubric')!.value) };
}

describe('rubric aggregation', () => {
  test('counts answers per level of the scale for each practice', () => {
    const result = rubric({ 'Use MOUs': { Ana: 3, Ben: 3, Cy: 5 } }).read();
    expect(result?.scale).toEqual(FREQUENCY_SCALE);
    expect(result?.practices[0]).toMatchObject({
      practice: 'Use MOUs',
      counts: [0, 0, 0, 2, 0, 1],
      responses: 3,
      median: 3,
    });
  });

  test('the central value of an even number of answers lies between the two middle levels', () => {
    const result = rubric({ 'Train providers': { Ana: 1, Ben: 2, Cy: 4, Di: 5 } }).read();
    expect(result?.practices[0]?.median).toBe(3);
    expect(result?.practices[0]?.mean).toBe(3);
  });

  test('a practice nobody rated has no central value, and blank rows are left out', () => {
    const result = rubric({ 'Clarify roles': {} }).read();
    expect(result?.practices).toHaveLength(1);
    expect(result?.practices[0]).toMatchObject({ responses: 0, median: null, mean: null });
  });
});

describe('comparing rounds', () => {
  test('shows how far each practice moved up or down the scale since the earlier round', () => {
    const fall = rubric({
      'Use MOUs': { Ana: 1, Ben: 2, Cy: 2 },
      'Clarify roles': { Ana: 4 },
    }).read()!;
    const spring = rubric({
      'Use MOUs': { Ana: 3, Ben: 4, Cy: 4 },
      'Clarify roles': { Ana: 3 },
    }).read()!;
    const changes = compareRubricRounds(spring, fall);
    expect(changes.find((c) => c.practice === 'Use MOUs')).toMatchObject({
      median: 4,
      previousMedian: 2,
      medianChange: 2,
    });
    expect(changes.find((c) => c.practice === 'Clarify roles')).toMatchObject({
      medianChange: -1,
      meanChange: -1,
    });
  });

  test('a practice new in this round has no change rather than a made-up one', () => {
    const fall = rubric({ 'Use MOUs': { Ana: 1 } }).read()!;
    const spring = rubric({ 'Use MOUs': { Ana: 2 }, 'Resource directory': { Ana: 5 } }).read()!;
    expect(
      compareRubricRounds(spring, fall).find((c) => c.practice === 'Resource directory'),
    ).toMatchObject({ previousMedian: null, medianChange: null });
  });
});
