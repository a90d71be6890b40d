import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addColumn,
  addNoteSection,
  addRow,
  deleteRow,
  deleteSection,
  moveSection,
  readDocument,
  renameColumn,
  renameSection,
  setCell,
  writeNoteBlocks,
  writeTitle,
  noteFragment,
} from '../../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS as N, NEXT_STEPS_SECTION_ID } from '../../../core/templates/index.ts';
import { compareDocuments, isUnchanged } from '../../../core/versions/index.ts';
import { buildTemplate } from '../templates/template-doc.ts';

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

const view = (doc: Y.Doc) => readDocument(doc).value;

describe('comparing a version with the document now', () => {
  test('two equal states have no changes', () => {
    const doc = buildTemplate('barriers');
    const changes = compareDocuments(view(doc), view(copyOf(doc)));
    expect(isUnchanged(changes)).toBe(true);
    expect(changes).toEqual({ title: null, sectionsReordered: false, sections: [] });
  });

  test('names sections added, removed, renamed and edited, and a new title', () => {
    const version = buildTemplate('barriers');
    const now = copyOf(version);
    writeTitle(now, 'Barriers, after the kickoff');
    const added = addNoteSection(now, { title: 'Parking lot' });
    deleteSection(now, 'staff-survey');
    renameSection(now, 'about', 'About this worksheet');
    writeNoteBlocks(noteFragment(now, 'objective-1')!, [
      { type: 'paragraph', content: [{ text: 'One more thought.' }] },
    ]);

    const changes = compareDocuments(view(version), view(now));
    expect(changes.title).toEqual({
      before: expect.any(String),
      after: 'Barriers, after the kickoff',
    });
    expect(changes.sections).toEqual(
      expect.arrayContaining([
        { change: 'added', id: added, title: 'Parking lot' },
        { change: 'removed', id: 'staff-survey', title: 'Sample staff survey' },
        expect.objectContaining({
          change: 'changed',
          id: 'about',
          title: 'About this worksheet',
          renamedFrom: expect.any(String),
          contentChanged: false,
        }),
        expect.objectContaining({
          change: 'changed',
          id: 'objective-1',
          renamedFrom: null,
          contentChanged: true,
        }),
      ]),
    );
    expect(changes.sections).toHaveLength(4);
    expect(changes.sectionsReordered).toBe(false);
  });

  test('notices a moved section without calling it added or removed', () => {
    const version = buildTemplate('barriers');
    const now = copyOf(version);
    moveSection(now, 'staff-survey', 0);
    const changes = compareDocuments(view(version), view(now));
    expect(changes.sectionsReordered).toBe(true);
    expect(changes.sections).toEqual([]);
  });

  test('lists table rows added, removed and changed by id, naming the changed columns', () => {
    const version = buildTemplate('barriers');
    const now = copyOf(version);
    const rowsBefore = view(version).sections.find(
      (section) => section.id === NEXT_STEPS_SECTION_ID,
    );
    if (rowsBefore?.kind !== 'table')
      throw new Error('the barriers template has a next-steps table');
    const [first] = rowsBefore.table.rows;
    expect(first).toBeDefined();
    setCell(now, NEXT_STEPS_SECTION_ID, first!.id, N.owner, 'Dana Ruiz');
    setCell(now, NEXT_STEPS_SECTION_ID, first!.id, N.done, true);
    const added = addRow(now, NEXT_STEPS_SECTION_ID, {
      values: { [N.task]: 'Send the survey to counselors' },
    });
    if (!added.ok) throw new Error(added.message);
    const removedVersionRow = addRow(version, NEXT_STEPS_SECTION_ID, {
      values: { [N.task]: 'An old idea' },
    });
    if (!removedVersionRow.ok) throw new Error(removedVersionRow.message);

    const changes = compareDocuments(view(version), view(now));
    const nextSteps = changes.sections.find((section) => section.id === NEXT_STEPS_SECTION_ID);
    expect(nextSteps).toMatchObject({ change: 'changed', contentChanged: false });
    if (nextSteps?.change !== 'changed') throw new Error('unreachable');
    expect(nextSteps.rows).toEqual([
      {
        change: 'changed',
        id: first!.id,
        label: expect.stringMatching(/^Clearly assign/),
        columns: ['Owner', 'Done'],
      },
      { change: 'added', id: added.id, label: 'Send the survey to counselors', columns: [] },
      { change: 'removed', id: removedVersionRow.id, label: 'An old idea', columns: [] },
    ]);
  });

  test('lists columns added, removed and renamed, and does not report a row for a new empty column', () => {
    const version = buildTemplate('barriers');
    const now = copyOf(version);
    const column = addColumn(now, NEXT_STEPS_SECTION_ID, { kind: 'text', title: 'Notes' });
    if (!column.ok) throw new Error(column.message);
    renameColumn(now, NEXT_STEPS_SECTION_ID, N.deadline, 'Due');
    const changes = compareDocuments(view(version), view(now));
    expect(changes.sections).toEqual([
      expect.objectContaining({
        id: NEXT_STEPS_SECTION_ID,
        columns: { added: ['Notes'], removed: [], renamed: [{ from: 'Deadline', to: 'Due' }] },
        rows: [],
      }),
    ]);
  });

  test('a row deleted since the version is listed as removed, with its text as the label', () => {
    const version = buildTemplate('barriers');
    const now = copyOf(version);
    const table = view(now).sections.find((section) => section.id === NEXT_STEPS_SECTION_ID);
    if (table?.kind !== 'table') throw new Error('the barriers template has a next-steps table');
    deleteRow(now, NEXT_STEPS_SECTION_ID, table.table.rows[0]!.id);
    const changes = compareDocuments(view(version), view(now));
    expect(changes.sections).toEqual([
      expect.objectContaining({
        rows: [
          expect.objectContaining({
            change: 'removed',
            label: expect.stringMatching(/^Clearly assign/),
          }),
        ],
      }),
    ]);
  });
});
