import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addNoteSection,
  addRow,
  deleteRow,
  deleteSection,
  moveSection,
  noteFragment,
  readDocument,
  readTable,
  renameSection,
  setCell,
  textCell,
  writeNoteBlocks,
  writeTitle,
  type DocumentView,
} from '../../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS as N, NEXT_STEPS_SECTION_ID } from '../../../core/templates/index.ts';
import { restoreVersion } from '../../../core/versions/index.ts';
import { buildTemplate } from '../templates/template-doc.ts';

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Sends each replica what the other lacks, both ways. */
function syncBothWays(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

/** What a version restores: the title and the sections, not meta kept beside them. */
function content(doc: Y.Doc): { title: string; sections: DocumentView['sections'] } {
  const read = readDocument(doc);
  return { title: read.value.meta.title, sections: read.value.sections };
}

function firstNextStep(doc: Y.Doc): string {
  const id = readTable(doc, NEXT_STEPS_SECTION_ID)?.value.rows[0]?.id;
  if (id === undefined) throw new Error('the barriers template has an example next step');
  return id;
}

/** Edits made to the live document after the version was saved. */
function editSinceVersion(doc: Y.Doc): { addedSection: string; addedRow: string } {
  writeTitle(doc, 'Barriers (edited)');
  const addedSection = addNoteSection(doc, {
    title: 'Parking lot',
    blocks: [{ type: 'paragraph', content: [{ text: 'Later.' }] }],
  });
  deleteSection(doc, 'staff-survey');
  renameSection(doc, 'about', 'About (renamed)');
  moveSection(doc, 'objective-2', 0);
  writeNoteBlocks(noteFragment(doc, 'objective-1')!, [
    { type: 'paragraph', content: [{ text: 'Added after the version.', bold: true }] },
  ]);
  const row = firstNextStep(doc);
  setCell(doc, NEXT_STEPS_SECTION_ID, row, N.task, 'Rewritten task');
  setCell(doc, NEXT_STEPS_SECTION_ID, row, N.done, true);
  const added = addRow(doc, NEXT_STEPS_SECTION_ID, { values: { [N.task]: 'Added since' } });
  if (!added.ok) throw new Error(added.message);
  return { addedSection, addedRow: added.id };
}

describe('restoring a version', () => {
  test('makes the title, sections, notes and tables equal to the version', () => {
    const live = buildTemplate('barriers');
    const version = copyOf(live);
    editSinceVersion(live);
    expect(content(live)).not.toEqual(content(version));

    restoreVersion(live, version);
    expect(content(live)).toEqual(content(version));
    expect(readDocument(live).problems).toEqual([]);
  });

  test('keeps what is already equal: the same section, row and cell objects, and no update when nothing differs', () => {
    const live = buildTemplate('barriers');
    const version = copyOf(live);
    const row = firstNextStep(live);
    const ownerCell = textCell(live, NEXT_STEPS_SECTION_ID, row, N.owner);
    const taskCell = textCell(live, NEXT_STEPS_SECTION_ID, row, N.task);
    setCell(live, NEXT_STEPS_SECTION_ID, row, N.task, 'Clearly assign roles, now with more words');

    restoreVersion(live, version);
    expect(content(live)).toEqual(content(version));
    // The same Y.Text: someone typing in it meanwhile keeps their characters.
    expect(textCell(live, NEXT_STEPS_SECTION_ID, row, N.owner)).toBe(ownerCell);
    expect(textCell(live, NEXT_STEPS_SECTION_ID, row, N.task)).toBe(taskCell);

    const updates: Uint8Array[] = [];
    live.on('update', (update: Uint8Array) => updates.push(update));
    restoreVersion(live, version);
    expect(updates).toEqual([]);
  });

  test('a section deleted since comes back with its id; a section added since goes', () => {
    const live = buildTemplate('barriers');
    const version = copyOf(live);
    const { addedSection } = editSinceVersion(live);
    restoreVersion(live, version);
    const ids = content(live).sections.map((section) => section.id);
    expect(ids).toContain('staff-survey');
    expect(ids).not.toContain(addedSection);
  });

  test('reaches another replica as one update', () => {
    const live = buildTemplate('barriers');
    const version = copyOf(live);
    editSinceVersion(live);
    const other = copyOf(live);
    const updates: Uint8Array[] = [];
    live.on('update', (update: Uint8Array) => updates.push(update));
    restoreVersion(live, version);
    expect(updates).toHaveLength(1);
    Y.applyUpdate(other, updates[0]!);
    expect(content(other)).toEqual(content(version));
  });
});

describe('restoring while someone else edits', () => {
  test("both replicas converge, the restored content is there, and the other person's edits to untouched parts survive", () => {
    const base = buildTemplate('barriers');
    const version = copyOf(base);
    editSinceVersion(base);
    const a = copyOf(base);
    const b = copyOf(base);

    restoreVersion(a, version);
    // Meanwhile on B, not yet seeing the restore: typing in a cell and a note the restore leaves alone, and a new row.
    const row = firstNextStep(b);
    textCell(b, NEXT_STEPS_SECTION_ID, row, N.owner)!.insert(0, 'Dana');
    writeNoteBlocks(noteFragment(b, 'about')!, [
      { type: 'paragraph', content: [{ text: 'Typed by B meanwhile.' }] },
    ]);
    const addedByB = addRow(b, NEXT_STEPS_SECTION_ID, {
      values: { [N.task]: 'Added by B meanwhile' },
    });
    if (!addedByB.ok) throw new Error(addedByB.message);

    syncBothWays(a, b);
    expect(content(a)).toEqual(content(b));
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));

    const merged = content(a);
    const restored = content(version);
    expect(merged.title).toBe(restored.title);
    expect(merged.sections.map((section) => section.id)).toEqual([
      ...restored.sections.map((section) => section.id),
    ]);
    const nextSteps = readTable(a, NEXT_STEPS_SECTION_ID)!.value;
    const restoredRow = nextSteps.rows.find((candidate) => candidate.id === row)!;
    expect(restoredRow.cells[N.task]).toEqual({
      kind: 'text',
      text: expect.stringMatching(/^Clearly assign/),
    });
    expect(restoredRow.cells[N.done]).toEqual({ kind: 'checkbox', checked: false });
    expect(restoredRow.cells[N.owner]).toEqual({
      kind: 'person',
      text: expect.stringMatching(/^Dana/),
    });
    expect(nextSteps.rows.map((candidate) => candidate.id)).toContain(addedByB.id);
    expect(JSON.stringify(merged.sections.find((section) => section.id === 'about'))).toContain(
      'Typed by B meanwhile.',
    );
  });

  test('random edits on one replica during a restore on another always converge to a document that reads cleanly', () => {
    const base = buildTemplate('barriers');
    const version = copyOf(base);
    editSinceVersion(base);
    const edit = fc.oneof(
      fc.record({
        op: fc.constant('type' as const),
        text: fc.string({ minLength: 1, maxLength: 5 }),
        at: fc.nat({ max: 40 }),
      }),
      fc.record({ op: fc.constant('deleteRow' as const) }),
      fc.record({ op: fc.constant('addRow' as const), text: fc.string({ maxLength: 8 }) }),
      fc.record({ op: fc.constant('deleteSection' as const), index: fc.nat({ max: 12 }) }),
      fc.record({
        op: fc.constant('rename' as const),
        index: fc.nat({ max: 12 }),
        title: fc.string({ maxLength: 8 }),
      }),
      fc.record({
        op: fc.constant('note' as const),
        text: fc.string({ minLength: 1, maxLength: 8 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 8 }), fc.boolean(), (edits, restoreFirst) => {
        const a = copyOf(base);
        const b = copyOf(base);
        if (restoreFirst) restoreVersion(a, version);
        for (const step of edits) {
          const sections = readDocument(b).value.sections;
          const rows = readTable(b, NEXT_STEPS_SECTION_ID)?.value.rows ?? [];
          if (step.op === 'type' && rows[0] !== undefined) {
            const cell = textCell(b, NEXT_STEPS_SECTION_ID, rows[0].id, N.task);
            cell?.insert(Math.min(step.at, cell.length), step.text);
          } else if (step.op === 'deleteRow' && rows[0] !== undefined)
            deleteRow(b, NEXT_STEPS_SECTION_ID, rows[0].id);
          else if (step.op === 'addRow')
            addRow(b, NEXT_STEPS_SECTION_ID, { values: { [N.task]: step.text } });
          else if (step.op === 'deleteSection' && sections.length > 0)
            deleteSection(b, sections[step.index % sections.length]!.id);
          else if (step.op === 'rename' && sections.length > 0)
            renameSection(b, sections[step.index % sections.length]!.id, step.title);
          else if (step.op === 'note') {
            const fragment = noteFragment(b, 'objective-1');
            if (fragment !== null)
              writeNoteBlocks(fragment, [{ type: 'paragraph', content: [{ text: step.text }] }]);
          }
        }
        if (!restoreFirst) restoreVersion(a, version);
        syncBothWays(a, b);
        expect(content(a)).toEqual(content(b));
        expect(readDocument(a).problems).toEqual([]);
        // Without edits from B, the merge is exactly the version.
        if (edits.length === 0) expect(content(a)).toEqual(content(version));
      }),
      { numRuns: 60 },
    );
  });
});

describe('restoring rich text', () => {
  test('text that differs only inside an emoji is restored without broken characters', () => {
    const live = buildTemplate('barriers');
    const row = firstNextStep(live);
    setCell(live, NEXT_STEPS_SECTION_ID, row, N.task, 'Plan \u{1F600} A');
    const version = copyOf(live);
    // Same high surrogate, different low one: a diff by code units would split the pair.
    setCell(live, NEXT_STEPS_SECTION_ID, row, N.task, 'Plan \u{1F603} A');
    restoreVersion(live, version);
    expect(textCell(live, NEXT_STEPS_SECTION_ID, row, N.task)!.toString()).toBe('Plan \u{1F600} A');
  });

  test('an edited paragraph is edited back in place, marks and all, and a paragraph typed in meanwhile survives', () => {
    const live = buildTemplate('barriers');
    const fragment = noteFragment(live, 'objective-1')!;
    writeNoteBlocks(fragment, [
      {
        type: 'paragraph',
        content: [{ text: 'Agree on ' }, { text: 'one', bold: true }, { text: ' referral form.' }],
      },
      { type: 'heading', level: 2, content: [{ text: 'Parking lot' }] },
    ]);
    const version = copyOf(live);
    const paragraph = fragment.get(fragment.length - 2) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    text.format(0, 5, { italic: {} });
    text.insert(text.length, ' Today.');
    (fragment.get(fragment.length - 1) as Y.XmlElement).setAttribute(
      'level',
      3 as unknown as string,
    );

    const other = copyOf(live);
    restoreVersion(live, version);
    expect(content(live)).toEqual(content(version));
    expect(fragment.get(fragment.length - 2)).toBe(paragraph);
    expect(paragraph.get(0)).toBe(text);
    expect(text.toDelta()).toEqual([
      { insert: 'Agree on ' },
      { insert: 'one', attributes: { bold: {} } },
      { insert: ' referral form.' },
    ]);

    // Someone else, not yet seeing the restore, adds a paragraph at the end.
    writeNoteBlocks(noteFragment(other, 'objective-1')!, [
      { type: 'paragraph', content: [{ text: 'Typed meanwhile.' }] },
    ]);
    syncBothWays(live, other);
    expect(content(live)).toEqual(content(other));
    expect(JSON.stringify(content(live))).toContain('Typed meanwhile.');
  });
});
