import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  aggregateRubric,
  compareRubricRounds,
  lowestRatedPractices,
} from '../../../core/metrics/index.ts';
import {
  readRatingRounds,
  readTable,
  setRating,
  startRatingRound,
} from '../../../core/schema/index.ts';
import { RUBRIC_COLUMNS, RUBRIC_SECTION_ID } from '../../../core/schema/section-ids.ts';
import { createDocument } from '../../../core/templates/index.ts';

function assessment(): Y.Doc {
  const doc = new Y.Doc();
  createDocument(doc, { template: 'assessment' });
  return doc;
}

const table = (doc: Y.Doc) => readTable(doc, RUBRIC_SECTION_ID)!.value;
const rowIds = (doc: Y.Doc) => table(doc).rows.map((row) => row.id);

describe('rounds of the assessment rubric', () => {
  test('a new document has one open round: the template rating column', () => {
    expect(readRatingRounds(table(assessment()))).toEqual([
      { columnId: RUBRIC_COLUMNS.rating, label: 'How often', closed: false, current: true },
    ]);
  });

  test('starting a round names the one that ends, closes it and opens the new one right after it', () => {
    const doc = assessment();
    const started = startRatingRound(doc, RUBRIC_SECTION_ID, {
      label: 'Spring 2027',
      previousLabel: 'Fall 2026',
    });
    expect(started.ok).toBe(true);
    const rounds = readRatingRounds(table(doc));
    expect(rounds.map(({ label, closed, current }) => ({ label, closed, current }))).toEqual([
      { label: 'Fall 2026', closed: true, current: false },
      { label: 'Spring 2027', closed: false, current: true },
    ]);
    const columnIds = table(doc).columns.map((column) => column.id);
    expect(columnIds.indexOf(rounds[1]!.columnId)).toBe(
      columnIds.indexOf(RUBRIC_COLUMNS.rating) + 1,
    );
  });

  test('answers of an earlier round are kept and can no longer be changed', () => {
    const doc = assessment();
    const [practice] = rowIds(doc);
    setRating(doc, RUBRIC_SECTION_ID, practice!, RUBRIC_COLUMNS.rating, 'Ana', 1);
    startRatingRound(doc, RUBRIC_SECTION_ID, { label: 'Spring 2027' });
    const refused = setRating(doc, RUBRIC_SECTION_ID, practice!, RUBRIC_COLUMNS.rating, 'Ana', 4);
    expect(refused).toMatchObject({ ok: false, reason: 'invalid' });
    expect(aggregateRubric(table(doc), RUBRIC_COLUMNS.rating)?.practices[0]?.counts[1]).toBe(1);
  });

  test('a round needs a name that no other round has', () => {
    const doc = assessment();
    expect(startRatingRound(doc, RUBRIC_SECTION_ID, { label: '  ' }).ok).toBe(false);
    startRatingRound(doc, RUBRIC_SECTION_ID, { label: 'Spring 2027' });
    expect(startRatingRound(doc, RUBRIC_SECTION_ID, { label: 'spring 2027' })).toMatchObject({
      ok: false,
    });
  });

  test('the comparison of two rounds and the lowest-rated practices come from the round columns', () => {
    const doc = assessment();
    const [first, second, third] = rowIds(doc);
    for (const [row, level] of [
      [first, 1],
      [second, 3],
      [third, 2],
    ] as const)
      setRating(doc, RUBRIC_SECTION_ID, row!, RUBRIC_COLUMNS.rating, 'Ana', level);
    const spring = startRatingRound(doc, RUBRIC_SECTION_ID, {
      label: 'Spring 2027',
      previousLabel: 'Fall 2026',
    });
    if (!spring.ok) throw new Error(spring.message);
    for (const [row, level] of [
      [first, 3],
      [second, 3],
      [third, 0],
    ] as const)
      setRating(doc, RUBRIC_SECTION_ID, row!, spring.id, 'Ana', level);
    const fall = aggregateRubric(table(doc), RUBRIC_COLUMNS.rating)!;
    const now = aggregateRubric(table(doc), spring.id)!;
    const changes = compareRubricRounds(now, fall);
    expect(changes.slice(0, 3).map((change) => change.medianChange)).toEqual([2, 0, -2]);
    expect(lowestRatedPractices(now, 2).map((practice) => practice.rowId)).toEqual([third, first]);
  });

  test('two people starting a round at once both keep theirs; the later column is current and the old round is closed', () => {
    const a = assessment();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    startRatingRound(a, RUBRIC_SECTION_ID, { label: 'Spring 2027' });
    startRatingRound(b, RUBRIC_SECTION_ID, { label: 'Spring 2027 (B)' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const rounds = readRatingRounds(table(a));
    expect(rounds).toEqual(readRatingRounds(table(b)));
    expect(rounds).toHaveLength(3);
    expect(rounds[0]?.closed).toBe(true);
    expect(rounds.filter((round) => round.current)).toHaveLength(1);
  });
});
