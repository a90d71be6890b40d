import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addColumn,
  addNoteSection,
  addRow,
  addTableSection,
  deleteColumn,
  deleteRow,
  deleteSection,
  ensureTextCell,
  initializeDocument,
  moveRow,
  moveSection,
  noteFragment,
  readDocument,
  readSections,
  readTable,
  renameSection,
  setCell,
  setPicked,
  setRating,
} from '../../../core/schema/index.ts';
import { FREQUENCY_SCALE } from '../../../core/tables/index.ts';
import { ReplicaNetwork } from '../../support/replica-network.ts';

/*
 * Convergence: replicas make random concurrent operations, exchange their updates late, partly
 * and out of order, then everything is delivered. Every replica must end with the same document,
 * and that document must read without problems. fast-check prints the seed of a failing run.
 */

const TABLE = 'table';
const NOTE = 'note';

function baseDocument(): Y.Doc {
  const doc = new Y.Doc();
  initializeDocument(
    doc,
    { title: 'Working session', template: null, createdAt: '2026-11-29T10:00:00.000Z' },
    (d) => {
      addNoteSection(d, {
        id: NOTE,
        title: 'Notes',
        blocks: [{ type: 'paragraph', content: [{ text: 'Goals' }] }],
      });
      addTableSection(d, {
        id: TABLE,
        title: 'Next steps',
        columns: [
          { id: 'task', kind: 'text', title: 'Task' },
          { id: 'count', kind: 'number', title: 'Count' },
          { id: 'done', kind: 'checkbox', title: 'Done' },
          {
            id: 'goals',
            kind: 'multi-choice',
            title: 'Goals',
            options: [
              { id: 'g1', label: 'One' },
              { id: 'g2', label: 'Two' },
            ],
          },
          { id: 'how', kind: 'rating', title: 'How often', scale: FREQUENCY_SCALE },
        ],
        rows: [
          { id: 'r1', values: { task: 'Draft MOU' } },
          { id: 'r2', values: { task: 'Train providers' } },
          { id: 'r3' },
        ],
      });
    },
  );
  return doc;
}

// Targets are picked by position at the moment the operation runs, so they follow each replica's own view.
type TableOp =
  | { op: 'insertRow'; at: number }
  | { op: 'deleteRow'; row: number }
  | { op: 'moveRow'; row: number; to: number }
  | { op: 'typeInCell'; row: number; column: number; at: number; text: string }
  | { op: 'eraseInCell'; row: number; column: number; at: number; length: number }
  | { op: 'setNumber'; row: number; value: number }
  | { op: 'setDone'; row: number; value: boolean }
  | { op: 'pick'; row: number; option: 'g1' | 'g2'; picked: boolean }
  | { op: 'rate'; row: number; participant: string; level: number | null }
  | { op: 'addColumn'; kind: 'text' | 'number' }
  | { op: 'deleteColumn'; column: number };

type SectionOp =
  | { op: 'addSection'; at: number; kind: 'note' | 'table' }
  | { op: 'moveSection'; section: number; to: number }
  | { op: 'renameSection'; section: number; title: string }
  | { op: 'deleteSection'; section: number }
  | { op: 'typeInNote'; at: number; text: string };

type Step =
  | { replica: number; change: TableOp | SectionOp }
  | { deliver: { from: number; to: number; limit: number; seed: number } };

const small = fc.nat({ max: 12 });
const word = fc.string({ minLength: 1, maxLength: 4 });

const tableOp: fc.Arbitrary<TableOp> = fc.oneof(
  fc.record({ op: fc.constant('insertRow' as const), at: small }),
  fc.record({ op: fc.constant('deleteRow' as const), row: small }),
  fc.record({ op: fc.constant('moveRow' as const), row: small, to: small }),
  fc.record({
    op: fc.constant('typeInCell' as const),
    row: small,
    column: small,
    at: small,
    text: word,
  }),
  fc.record({
    op: fc.constant('eraseInCell' as const),
    row: small,
    column: small,
    at: small,
    length: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    op: fc.constant('setNumber' as const),
    row: small,
    value: fc.integer({ min: -5, max: 500 }),
  }),
  fc.record({ op: fc.constant('setDone' as const), row: small, value: fc.boolean() }),
  fc.record({
    op: fc.constant('pick' as const),
    row: small,
    option: fc.constantFrom('g1' as const, 'g2' as const),
    picked: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('rate' as const),
    row: small,
    participant: fc.constantFrom('Ana', 'Ben', 'Cy'),
    level: fc.option(fc.nat({ max: 5 }), { nil: null }),
  }),
  fc.record({
    op: fc.constant('addColumn' as const),
    kind: fc.constantFrom('text' as const, 'number' as const),
  }),
  fc.record({ op: fc.constant('deleteColumn' as const), column: small }),
);

const sectionOp: fc.Arbitrary<SectionOp> = fc.oneof(
  fc.record({
    op: fc.constant('addSection' as const),
    at: small,
    kind: fc.constantFrom('note' as const, 'table' as const),
  }),
  fc.record({ op: fc.constant('moveSection' as const), section: small, to: small }),
  fc.record({ op: fc.constant('renameSection' as const), section: small, title: word }),
  fc.record({ op: fc.constant('deleteSection' as const), section: small }),
  fc.record({ op: fc.constant('typeInNote' as const), at: small, text: word }),
);

function steps(replicas: number, change: fc.Arbitrary<TableOp | SectionOp>): fc.Arbitrary<Step[]> {
  const replica = fc.nat({ max: replicas - 1 });
  return fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ replica, change }) },
      {
        weight: 1,
        arbitrary: fc.record({
          deliver: fc.record({
            from: replica,
            to: replica,
            limit: fc.integer({ min: 1, max: 6 }),
            seed: fc.integer(),
          }),
        }),
      },
    ),
    { minLength: 1, maxLength: 40 },
  );
}

function pick<T>(items: readonly T[], position: number): T | undefined {
  return items.length === 0 ? undefined : items[position % items.length];
}

function applyTableOp(doc: Y.Doc, change: TableOp): void {
  const table = readTable(doc, TABLE)?.value;
  if (table === undefined) return; // deleted by a section operation elsewhere
  const row = 'row' in change ? pick(table.rows, change.row)?.id : undefined;
  const textColumns = table.columns.filter((column) => column.kind === 'text');
  switch (change.op) {
    case 'insertRow':
      addRow(doc, TABLE, { index: change.at });
      return;
    case 'deleteRow':
      if (row) deleteRow(doc, TABLE, row);
      return;
    case 'moveRow':
      if (row) moveRow(doc, TABLE, row, change.to);
      return;
    case 'typeInCell':
    case 'eraseInCell': {
      const column = pick(textColumns, change.column);
      if (!row || !column) return;
      const text = ensureTextCell(doc, TABLE, row, column.id);
      if (text === null) return;
      const at = Math.min(change.at, text.length);
      if (change.op === 'typeInCell') text.insert(at, change.text);
      else
        text.delete(
          Math.min(at, Math.max(0, text.length - 1)),
          Math.min(change.length, text.length),
        );
      return;
    }
    case 'setNumber':
      if (row) setCell(doc, TABLE, row, 'count', change.value);
      return;
    case 'setDone':
      if (row) setCell(doc, TABLE, row, 'done', change.value);
      return;
    case 'pick':
      if (row) setPicked(doc, TABLE, row, 'goals', change.option, change.picked);
      return;
    case 'rate':
      if (row) setRating(doc, TABLE, row, 'how', change.participant, change.level);
      return;
    case 'addColumn':
      addColumn(doc, TABLE, { kind: change.kind, title: `Added ${change.kind}` });
      return;
    case 'deleteColumn': {
      // Keep the base columns the other operations target; delete only added ones.
      const added = table.columns.filter(
        (column) => !['task', 'count', 'done', 'goals', 'how'].includes(column.id),
      );
      const column = pick(added, change.column);
      if (column) deleteColumn(doc, TABLE, column.id);
      return;
    }
  }
}

function applySectionOp(doc: Y.Doc, change: SectionOp): void {
  const sections = readSections(doc).value;
  const section = 'section' in change ? pick(sections, change.section)?.id : undefined;
  switch (change.op) {
    case 'addSection':
      if (change.kind === 'note') addNoteSection(doc, { title: 'New notes', index: change.at });
      else
        addTableSection(doc, {
          title: 'New table',
          index: change.at,
          columns: [{ kind: 'text', title: 'Item' }],
          rows: [{}],
        });
      return;
    case 'moveSection':
      if (section) moveSection(doc, section, change.to);
      return;
    case 'renameSection':
      if (section) renameSection(doc, section, change.title);
      return;
    case 'deleteSection':
      // The base table stays, so table operations keep meeting concurrent section changes.
      if (section && section !== TABLE) deleteSection(doc, section);
      return;
    case 'typeInNote': {
      const fragment = noteFragment(doc, NOTE);
      const paragraph = fragment?.get(0);
      const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : undefined;
      if (text instanceof Y.XmlText) text.insert(Math.min(change.at, text.length), change.text);
      return;
    }
  }
}

const SECTION_OPS: ReadonlySet<string> = new Set<SectionOp['op']>([
  'addSection',
  'moveSection',
  'renameSection',
  'deleteSection',
  'typeInNote',
]);

function isTableOp(change: TableOp | SectionOp): change is TableOp {
  return !SECTION_OPS.has(change.op);
}

function run(replicaCount: number, allSteps: Step[], finalSeed: number): void {
  const network = new ReplicaNetwork(baseDocument(), replicaCount);
  for (const step of allSteps) {
    if ('deliver' in step) {
      network.deliver(step.deliver.from, step.deliver.to, step.deliver.limit, step.deliver.seed);
      continue;
    }
    const doc = network.replicas[step.replica]!;
    if (isTableOp(step.change)) applyTableOp(doc, step.change);
    else applySectionOp(doc, step.change);
  }
  network.deliverAll(finalSeed);

  const [first, ...others] = network.replicas.map((doc) => {
    expect(doc.store.pendingStructs, 'every update was integrated').toBeNull();
    return readDocument(doc);
  });
  expect(first!.problems, 'the merged document reads without problems').toEqual([]);
  for (const other of others) expect(other).toEqual(first);
  // And a newcomer loading the merged state sees the same document.
  const newcomer = new Y.Doc();
  Y.applyUpdate(newcomer, Y.encodeStateAsUpdate(network.replicas[0]!));
  expect(readDocument(newcomer)).toEqual(first);
}

describe('convergence of concurrent edits', () => {
  test('two replicas editing rows and cells of one table end identical and readable', () => {
    fc.assert(
      fc.property(steps(2, tableOp), fc.integer(), (allSteps, seed) => run(2, allSteps, seed)),
      { numRuns: 250 },
    );
  });

  test('three replicas editing tables, columns and sections at once end identical and readable', () => {
    fc.assert(
      fc.property(steps(3, fc.oneof(tableOp, sectionOp)), fc.integer(), (allSteps, seed) =>
        run(3, allSteps, seed),
      ),
      { numRuns: 250 },
    );
  });

  test('a row deleted while another replica types in it stays deleted everywhere', () => {
    fc.assert(
      fc.property(word, fc.integer(), (text, seed) => {
        const network = new ReplicaNetwork(baseDocument(), 2);
        const [a, b] = network.replicas as [Y.Doc, Y.Doc];
        deleteRow(a, TABLE, 'r1');
        ensureTextCell(b, TABLE, 'r1', 'task')!.insert(0, text);
        network.deliverAll(seed);
        for (const doc of [a, b]) {
          expect(readTable(doc, TABLE)!.value.rows.map((row) => row.id)).toEqual(['r2', 'r3']);
        }
      }),
      { numRuns: 200 },
    );
  });
});
