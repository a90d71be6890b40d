import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addNoteSection,
  addTableSection,
  deleteSection,
  initializeDocument,
  moveSection,
  noteFragment,
  readDocument,
  readMeta,
  readSections,
  renameSection,
  SCHEMA_VERSION,
  writeTitle,
} from '../../../core/schema/index.ts';

function blank(): Y.Doc {
  const doc = new Y.Doc();
  initializeDocument(doc, {
    title: 'Kickoff',
    template: null,
    createdAt: '2026-11-29T10:00:00.000Z',
  });
  return doc;
}

const titles = (doc: Y.Doc): string[] => readSections(doc).value.map((section) => section.title);

describe('document meta', () => {
  test('a new document records its title, template, schema version and creation time', () => {
    const doc = new Y.Doc();
    initializeDocument(doc, {
      title: 'Data review',
      template: 'data-review',
      createdAt: '2026-11-29T10:00:00.000Z',
    });
    expect(readMeta(doc)).toEqual({
      value: {
        title: 'Data review',
        template: 'data-review',
        schemaVersion: SCHEMA_VERSION,
        createdAt: '2026-11-29T10:00:00.000Z',
      },
      problems: [],
    });
  });

  test('a document is initialised once: a second attempt is refused and writes nothing', () => {
    const doc = blank();
    addNoteSection(doc, { title: 'Notes' });
    const before = Y.encodeStateAsUpdate(doc);
    const again = initializeDocument(doc, { title: 'Other', template: 'barriers' }, (d) =>
      addNoteSection(d, { title: 'Seeded twice' }),
    );
    expect(again.ok).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  test('a template that fails halfway leaves the document empty, so it can still be created', () => {
    const doc = new Y.Doc();
    expect(() =>
      initializeDocument(doc, { title: 'Broken', template: null }, (d) => {
        addNoteSection(d, { title: 'Written before the failure' });
        throw new Error('template bug');
      }),
    ).toThrow('template bug');
    expect(readSections(doc).value).toEqual([]);
    expect(initializeDocument(doc, { title: 'Fixed', template: null }).ok).toBe(true);
  });

  test('renaming the document changes its title only', () => {
    const doc = blank();
    writeTitle(doc, 'Fall kickoff');
    expect(readMeta(doc).value).toMatchObject({ title: 'Fall kickoff', template: null });
  });
});

describe('sections', () => {
  test('are listed in the order they were placed, including inserts in the middle', () => {
    const doc = blank();
    addNoteSection(doc, { title: 'A' });
    addNoteSection(doc, { title: 'C' });
    addNoteSection(doc, { title: 'B', index: 1 });
    addNoteSection(doc, { title: 'Start', index: 0 });
    expect(titles(doc)).toEqual(['Start', 'A', 'B', 'C']);
  });

  test('can be renamed, moved and deleted', () => {
    const doc = blank();
    const a = addNoteSection(doc, { title: 'A' });
    addTableSection(doc, { title: 'B', columns: [{ kind: 'text', title: 'Task' }] });
    const c = addNoteSection(doc, { title: 'C' });
    expect(renameSection(doc, a, 'Agenda').ok).toBe(true);
    expect(moveSection(doc, c, 0).ok).toBe(true);
    expect(titles(doc)).toEqual(['C', 'Agenda', 'B']);
    expect(moveSection(doc, c, 3).ok).toBe(true);
    expect(titles(doc)).toEqual(['Agenda', 'B', 'C']);
    expect(deleteSection(doc, a).ok).toBe(true);
    expect(titles(doc)).toEqual(['B', 'C']);
    expect(readSections(doc).value.map((s) => s.kind)).toEqual(['table', 'note']);
  });

  test('operations on a section someone else deleted report it instead of throwing', () => {
    const doc = blank();
    const id = addNoteSection(doc, { title: 'Gone' });
    deleteSection(doc, id);
    expect(renameSection(doc, id, 'x')).toMatchObject({ ok: false, reason: 'not-found' });
    expect(moveSection(doc, id, 0)).toMatchObject({ ok: false, reason: 'not-found' });
    expect(deleteSection(doc, id)).toMatchObject({ ok: false, reason: 'not-found' });
  });

  test('moving a section keeps what another replica typed into it meanwhile', () => {
    const a = blank();
    const note = addNoteSection(a, {
      title: 'Notes',
      blocks: [{ type: 'paragraph', content: [{ text: 'hello' }] }],
    });
    addNoteSection(a, { title: 'Other' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));

    moveSection(a, note, 2);
    const paragraph = noteFragment(b, note)!.get(0) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(5, ' world');

    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      const view = readDocument(doc).value;
      expect(view.sections.map((s) => s.title)).toEqual(['Other', 'Notes']);
      expect(JSON.stringify(view.sections[1])).toContain('hello world');
    }
  });
});
