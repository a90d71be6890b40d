import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { readDocument, readTable } from '../../../core/schema/index.ts';

/*
 * These tests build documents the way an old, buggy or hostile client could: with raw Yjs calls
 * and the schema's key names, bypassing core's writers. That is the one place outside
 * core/schema where the key strings appear, on purpose.
 */

function section(doc: Y.Doc, fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  doc.getArray('sections').push([map]);
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

function column(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

const codes = (problems: readonly { code: string }[]) => problems.map((problem) => problem.code);

describe('reading a document from an old, buggy or hostile client', () => {
  test('an empty document reads as untitled with no sections, and says what is missing', () => {
    const read = readDocument(new Y.Doc());
    expect(read.value).toEqual({
      meta: { title: '', template: null, schemaVersion: 0, createdAt: null },
      sections: [],
    });
    expect(codes(read.problems)).toEqual(['missing', 'missing']);
  });

  test('a document from a newer schema is read, with a note that parts may be read-only', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 'Future');
    doc.getMap('meta').set('schemaVersion', 99);
    section(doc, { id: 's1', order: 'a0', kind: 'kanban', title: 'Board' });
    const read = readDocument(doc);
    expect(read.value.sections).toEqual([{ id: 's1', kind: 'unknown', title: 'Board' }]);
    expect(codes(read.problems)).toEqual(['newer-schema', 'unknown-kind']);
  });

  test('malformed sections are skipped or repaired on read, and each is reported', () => {
    const doc = new Y.Doc();
    doc.getMap('meta').set('title', 42);
    doc.getArray('sections').push(['not a section']);
    section(doc, { kind: 'note', title: 'No id' });
    section(doc, {
      id: 'dup',
      order: 'a1',
      kind: 'note',
      title: 'First',
      content: new Y.XmlFragment(),
    });
    section(doc, { id: 'dup', order: 'a0', kind: 'note', title: 'Second' });
    section(doc, {
      id: 'bad-content',
      order: 'a2',
      kind: 'note',
      title: 7,
      content: 'plain string',
    });
    section(doc, { id: 'no-order', kind: 'note', title: 'Last', content: new Y.XmlFragment() });
    const read = readDocument(doc);
    expect(read.value.meta.title).toBe('');
    expect(read.value.sections.map((s) => s.id)).toEqual(['dup', 'bad-content', 'no-order']);
    expect(read.value.sections[0]).toMatchObject({ title: 'First' });
    expect(codes(read.problems).sort()).toEqual(
      [
        'duplicate-id',
        'missing',
        'missing',
        'missing',
        'wrong-type',
        'wrong-type',
        'wrong-type',
        'wrong-type',
      ].sort(),
    );
  });

  test('a table with odd columns and cells still reads, showing what it can', () => {
    const doc = new Y.Doc();
    const columns = new Y.Array<unknown>();
    const rows = new Y.Array<unknown>();
    section(doc, { id: 't', order: 'a0', kind: 'table', title: 'Odd', columns, rows });
    columns.push([
      column({ id: 'task', order: 'a0', kind: 'text', title: 'Task' }),
      column({ id: 'n', order: 'a1', kind: 'number', title: 'N' }),
      column({ id: 'sig', order: 'a2', kind: 'signature', title: 'Signature' }),
      column({
        id: 'rate',
        order: 'a3',
        kind: 'rate',
        title: 'Rate',
        numerator: 'n',
        denominator: 'gone',
      }),
      column({ id: 'pick', order: 'a4', kind: 'choice', title: 'Pick', options: 'not a list' }),
      column({ id: 'how', order: 'a5', kind: 'rating', title: 'How', scale: ['Low', 'High'] }),
    ]);
    const row = new Y.Map<unknown>();
    rows.push([row, 'garbage row']);
    row.set('id', 'r1');
    row.set('order', 'a0');
    const cells = new Y.Map<unknown>();
    row.set('cells', cells);
    cells.set('task', 12);
    cells.set('n', 'abc');
    cells.set('pick', 'ghost');
    const ratings = new Y.Map<unknown>();
    row.set('ratings', ratings);
    ratings.set('how/Ana', 1);
    ratings.set('how/Ben', 42);

    const read = readTable(doc, 't')!;
    expect(read.value.columns.map((c) => c.kind)).toEqual([
      'text',
      'number',
      'unknown',
      'rate',
      'choice',
      'rating',
    ]);
    expect(read.value.rows).toHaveLength(1);
    expect(read.value.rows[0]?.cells).toEqual({
      task: { kind: 'text', text: '' },
      n: { kind: 'number', value: null },
      sig: { kind: 'unknown' },
      rate: { kind: 'rate', value: null },
      pick: { kind: 'choice', optionId: null },
      how: { kind: 'rating', answers: [{ participant: 'Ana', level: 1 }] },
    });
    expect(codes(read.problems).sort()).toEqual(
      [
        'unknown-kind',
        'dangling-reference',
        'wrong-type',
        'wrong-type',
        'wrong-type',
        'wrong-type',
        'dangling-reference',
        'invalid-value',
      ].sort(),
    );
  });

  test('unknown rich-text nodes keep their text visible', () => {
    const doc = new Y.Doc();
    const content = new Y.XmlFragment();
    section(doc, { id: 'n', order: 'a0', kind: 'note', title: 'Note', content });
    const table = new Y.XmlElement('table');
    const text = new Y.XmlText();
    table.insert(0, [text]);
    text.insert(0, 'cell text');
    content.insert(0, [table]);
    const read = readDocument(doc);
    expect(read.value.sections[0]).toMatchObject({
      blocks: [{ type: 'paragraph', content: [{ text: 'cell text' }] }],
    });
    expect(codes(read.problems)).toContain('unknown-kind');
  });
});

describe('readers never throw', () => {
  const leaf = fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('note', 'table', 'text', 'rating', 'rate', 'choice', 'a0', 'a1', 'id', 'x/y'),
  );
  const keys = fc.constantFrom(
    'id',
    'order',
    'kind',
    'title',
    'content',
    'columns',
    'rows',
    'cells',
    'picks',
    'ratings',
    'options',
    'scale',
    'numerator',
    'denominator',
    'description',
    'x/y',
    'task',
  );
  type Shape =
    | { leaf: unknown }
    | { map: [string, Shape][] }
    | { array: Shape[] }
    | { text: string }
    | { xml: string };
  const shape: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf.map((value) => ({ leaf: value })),
      fc.array(fc.tuple(keys, tie('node')), { maxLength: 5 }).map((map) => ({ map })),
      fc.array(tie('node'), { maxLength: 4 }).map((array) => ({ array })),
      fc.string({ maxLength: 5 }).map((text) => ({ text })),
      fc
        .constantFrom('paragraph', 'heading', 'bulletList', 'listItem', 'weird')
        .map((xml) => ({ xml })),
    ),
  })).node;

  function build(node: Shape): unknown {
    if ('leaf' in node) return node.leaf;
    if ('text' in node) return new Y.Text(node.text);
    if ('xml' in node) return new Y.XmlElement(node.xml);
    if ('array' in node) {
      const array = new Y.Array<unknown>();
      array.push(node.array.map(build));
      return array;
    }
    const map = new Y.Map<unknown>();
    for (const [key, value] of node.map) map.set(key, build(value));
    return map;
  }

  test('any shape of sections and meta reads without an exception', () => {
    fc.assert(
      fc.property(
        fc.array(shape, { maxLength: 4 }),
        fc.array(fc.tuple(keys, shape), { maxLength: 4 }),
        (sections, meta) => {
          const source = new Y.Doc();
          source.transact(() => {
            source.getArray('sections').push(sections.map(build));
            for (const [key, value] of meta) source.getMap('meta').set(key, build(value));
          });
          // Through the wire, as a real peer would deliver it.
          const doc = new Y.Doc();
          Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
          const read = readDocument(doc);
          expect(Array.isArray(read.value.sections)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
