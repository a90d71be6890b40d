import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addNoteSection,
  ensureSectionTitleText,
  initializeDocument,
  mirrorSectionTitle,
  readSections,
  renameSection,
  sectionTitleText,
} from '../../../core/schema/index.ts';
import { DocumentViewReader } from '../../../core/schema/document-view.ts';
import { sectionsArray } from '../../../core/schema/sections.ts';
import { createDocument } from '../../../core/templates/index.ts';

/** A document with one note section named "Kickoff notes", and its section's id. */
function withSection(): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc();
  initializeDocument(doc, { title: 'Kickoff', template: null }, () => {});
  return { doc, id: addNoteSection(doc, { title: 'Kickoff notes' }) };
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
}

const titleOf = (doc: Y.Doc, id: string) =>
  readSections(doc).value.find((section) => section.id === id)?.title;

/** The plain name an older build reads. */
const plainTitleOf = (doc: Y.Doc) =>
  (sectionsArray(doc).toArray()[0] as Y.Map<unknown>).get('title');

describe('a section name as shared text (schema 6)', () => {
  test('a new section, and every section of a template, has its name as shared text', () => {
    const { doc, id } = withSection();
    expect(sectionTitleText(doc, id)?.toString()).toBe('Kickoff notes');
    const made = new Y.Doc();
    createDocument(made, { template: 'barriers', createdAt: '2026-08-17T09:00:00.000Z' });
    for (const section of readSections(made).value)
      expect(sectionTitleText(made, section.id)?.toString()).toBe(section.title);
  });

  test('two people typing in one section name at once both keep their words whole, and older builds read it too', () => {
    const { doc: a, id } = withSection();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const [doc, word] of [
      [a, ' alpha'],
      [b, ' BRAVO'],
    ] as const)
      doc.transact(() => {
        const text = ensureSectionTitleText(doc, id)!;
        text.insert(text.length, word);
        mirrorSectionTitle(doc, id);
      });
    sync(a, b);
    const merged = titleOf(a, id);
    expect(['Kickoff notes alpha BRAVO', 'Kickoff notes BRAVO alpha']).toContain(merged);
    expect(titleOf(b, id)).toBe(merged);
    // The plain name is one person's last write until the next edit mirrors the whole.
    renameSection(a, id, `${merged}!`);
    expect(plainTitleOf(a)).toBe(`${merged}!`);
  });

  test('renaming writes one minimal edit, so letters typed meanwhile by another are kept', () => {
    const { doc: a, id } = withSection();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    renameSection(a, id, 'Kickoff meeting notes');
    ensureSectionTitleText(b, id)!.insert(13, ' (draft)');
    sync(a, b);
    expect(titleOf(a, id)).toBe('Kickoff meeting notes (draft)');
    expect(titleOf(b, id)).toBe('Kickoff meeting notes (draft)');
  });

  test('a section an older build made gets its name text from the plain name on the first edit', () => {
    const { doc, id } = withSection();
    const section = sectionsArray(doc).toArray()[0] as Y.Map<unknown>;
    section.delete('titleText');
    section.set('title', 'Made by an older build');
    expect(sectionTitleText(doc, id)).toBeNull();
    expect(titleOf(doc, id)).toBe('Made by an older build');
    renameSection(doc, id, 'Made by an older build, renamed');
    expect(sectionTitleText(doc, id)?.toString()).toBe('Made by an older build, renamed');
    expect(plainTitleOf(doc)).toBe('Made by an older build, renamed');
  });

  test('a section that is gone has no name text to create, and renaming it says so', () => {
    const { doc } = withSection();
    expect(ensureSectionTitleText(doc, 'no-such-section')).toBeNull();
    expect(renameSection(doc, 'no-such-section', 'x').ok).toBe(false);
  });

  test("the page's view shows each letter typed in a section name", () => {
    const { doc, id } = withSection();
    const reader = new DocumentViewReader(doc);
    doc.on('afterTransaction', (transaction: Y.Transaction) => reader.noteTransaction(transaction));
    const before = reader.read();
    sectionTitleText(doc, id)!.insert(0, 'Our ');
    const after = reader.read();
    expect(after.sections[0]!.title).toBe('Our Kickoff notes');
    expect(after).not.toBe(before);
  });
});
