import * as Y from 'yjs';
import { createId } from './ids.ts';
import {
  deleteEntry,
  findEntry,
  insertEntry,
  moveEntry,
  readOrderedEntries,
  type Entry,
  type OrderedEntry,
} from './ordered-list.ts';
import {
  applied,
  describeType,
  notFound,
  type Applied,
  type Problem,
  type Read,
} from './problems.ts';
import { replaceText } from './replace-text.ts';

const SECTIONS = 'sections';
const KIND = 'kind';
const TITLE = 'title';
/** The name as a Y.Text (schema 6), so two people renaming a section at once merge by character. */
const TITLE_TEXT = 'titleText';

export const SECTION_KINDS = ['note', 'table'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface SectionSummary {
  readonly id: string;
  /** `unknown` for a kind added by a newer build: kept in the document, shown read-only. */
  readonly kind: SectionKind | 'unknown';
  readonly title: string;
}

export interface SectionPlacement {
  readonly title: string;
  /** Position among the sections; appended when omitted. */
  readonly index?: number;
  /** Stable id for template sections (e.g. `next-steps`); random when omitted. */
  readonly id?: string;
}

export function sectionsArray(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray(SECTIONS);
}

function isSectionKind(kind: unknown): kind is SectionKind {
  return (SECTION_KINDS as readonly unknown[]).includes(kind);
}

export function readSectionEntries(doc: Y.Doc, problems: Problem[]): OrderedEntry[] {
  return readOrderedEntries(sectionsArray(doc), 'sections', problems);
}

export function readSectionSummary(entry: OrderedEntry, problems: Problem[]): SectionSummary {
  const path = `sections[${entry.id}]`;
  const kind: unknown = entry.map.get(KIND);
  const titleText = sectionTitleTextOf(entry.map);
  const title: unknown = titleText !== null ? titleText.toString() : entry.map.get(TITLE);
  if (!isSectionKind(kind)) {
    problems.push({
      path: `${path}.kind`,
      code: 'unknown-kind',
      message: `section kind ${JSON.stringify(kind) ?? 'undefined'} is not known to this build; shown read-only`,
    });
  }
  if (typeof title !== 'string') {
    problems.push({
      path: `${path}.title`,
      code: title === undefined ? 'missing' : 'wrong-type',
      message: `section title should be text, found ${describeType(title)}`,
    });
  }
  return {
    id: entry.id,
    kind: isSectionKind(kind) ? kind : 'unknown',
    title: typeof title === 'string' ? title : '',
  };
}

/** The sections in display order. */
export function readSections(doc: Y.Doc): Read<SectionSummary[]> {
  const problems: Problem[] = [];
  const value = readSectionEntries(doc, problems).map((entry) =>
    readSectionSummary(entry, problems),
  );
  return { value, problems };
}

/** The section's map if it exists and has the given kind; null otherwise (deleted, or never there). */
export function findSection(doc: Y.Doc, id: string, kind?: SectionKind): Entry | null {
  const found = findEntry(sectionsArray(doc), id);
  if (found === null) return null;
  if (kind !== undefined && found.map.get(KIND) !== kind) return null;
  return found.map;
}

/**
 * Creates the shell of a section; the note or table module fills in its content. Call inside a
 * transaction so the section never appears half-built at another replica.
 */
export function insertSection(
  doc: Y.Doc,
  kind: SectionKind,
  placement: SectionPlacement,
): { id: string; map: Entry } {
  const sorted = readOrderedEntries(sectionsArray(doc), 'sections', []);
  const id = placement.id ?? createId();
  if (sorted.some((entry) => entry.id === id))
    throw new Error(`section id "${id}" is already used in this document`);
  const map = insertEntry(sectionsArray(doc), id, placement.index ?? sorted.length, sorted);
  map.set(KIND, kind);
  map.set(TITLE, placement.title);
  map.set(TITLE_TEXT, new Y.Text(placement.title));
  return { id, map };
}

export function readSectionTitle(section: Entry): string {
  const text = sectionTitleTextOf(section);
  const title: unknown = text !== null ? text.toString() : section.get(TITLE);
  return typeof title === 'string' ? title : '';
}

/** The section's name as a Y.Text, or null in a section an older build made and nobody renamed since. */
export function sectionTitleTextOf(section: Entry): Y.Text | null {
  const text = section.get(TITLE_TEXT);
  return text instanceof Y.Text ? text : null;
}

/** The name's Y.Text of the section `id`, or null (see `sectionTitleTextOf`, or the section is gone). */
export function sectionTitleText(doc: Y.Doc, id: string): Y.Text | null {
  const section = findSection(doc, id);
  return section === null ? null : sectionTitleTextOf(section);
}

/**
 * The name's Y.Text, created from the plain name an older build wrote when missing; null once the
 * section is gone. Call `mirrorSectionTitle` after editing it, in the same transaction.
 */
export function ensureSectionTitleText(doc: Y.Doc, id: string): Y.Text | null {
  const section = findSection(doc, id);
  if (section === null) return null;
  const existing = sectionTitleTextOf(section);
  if (existing !== null) return existing;
  const text = new Y.Text(readSectionTitle(section));
  section.set(TITLE_TEXT, text);
  return text;
}

/** Copies the name's text to the plain `title` field that builds before schema 6 read. */
export function mirrorSectionTitle(doc: Y.Doc, id: string): void {
  const section = findSection(doc, id);
  const text = section === null ? null : sectionTitleTextOf(section);
  if (section !== null && text !== null && section.get(TITLE) !== text.toString())
    section.set(TITLE, text.toString());
}

/** Renames a section by one minimal edit, so someone typing in its name meanwhile keeps their letters. */
export function renameSection(doc: Y.Doc, id: string, title: string): Applied {
  if (findSection(doc, id) === null) return notFound(`section ${id} no longer exists`);
  doc.transact(() => {
    replaceText(ensureSectionTitleText(doc, id)!, title);
    mirrorSectionTitle(doc, id);
  });
  return applied;
}

export function moveSection(doc: Y.Doc, id: string, toIndex: number): Applied {
  const section = findSection(doc, id);
  if (section === null) return notFound(`section ${id} no longer exists`);
  const others = readOrderedEntries(sectionsArray(doc), 'sections', []).filter(
    (entry) => entry.id !== id,
  );
  moveEntry(section, toIndex, others);
  return applied;
}

export function deleteSection(doc: Y.Doc, id: string): Applied {
  return deleteEntry(sectionsArray(doc), id) ? applied : notFound(`section ${id} no longer exists`);
}
