import * as Y from 'yjs';
import { hasMeta, readMeta, writeInitialMeta, type DocumentMeta } from './meta.ts';
import { readNoteContent, type NoteBlock } from './note.ts';
import { applied, invalid, type Applied, type Problem, type Read } from './problems.ts';
import { readSectionEntries, readSectionSummary, sectionsArray } from './sections.ts';
import { readTableContent, type TableView } from './table.ts';

export interface DocumentInit {
  readonly title: string;
  /** Template id, or null for a blank document. */
  readonly template: string | null;
  /** ISO 8601; defaults to now. */
  readonly createdAt?: string;
}

/**
 * Creates a document: writes its meta and lets `fill` add the sections, as one update.
 *
 * This runs exactly once, where the document is created, and refuses a document that already
 * has content. Seeding a template on load instead (when a replica finds the document empty) is
 * how Yjs apps end up with every section twice: two replicas that each found it empty both seed,
 * and merging keeps both copies.
 */
export function initializeDocument(
  doc: Y.Doc,
  init: DocumentInit,
  fill?: (doc: Y.Doc) => void,
): Applied {
  if (hasMeta(doc) || sectionsArray(doc).length > 0) {
    return invalid(
      'this document already has content; a template is only applied when a document is created',
    );
  }
  // Built aside and applied whole: Yjs cannot roll a transaction back, so a `fill` that throws
  // halfway must not leave a half-built document behind that refuses to be created again.
  const scratch = new Y.Doc();
  scratch.transact(() => {
    writeInitialMeta(scratch, {
      title: init.title,
      template: init.template,
      createdAt: init.createdAt ?? new Date().toISOString(),
    });
    fill?.(scratch);
  });
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(scratch));
  scratch.destroy();
  return applied;
}

export type SectionView =
  | {
      readonly id: string;
      readonly kind: 'note';
      readonly title: string;
      readonly blocks: readonly NoteBlock[];
    }
  | {
      readonly id: string;
      readonly kind: 'table';
      readonly title: string;
      readonly table: TableView;
    }
  | { readonly id: string; readonly kind: 'unknown'; readonly title: string };

export interface DocumentView {
  readonly meta: DocumentMeta;
  readonly sections: readonly SectionView[];
}

/** The whole document (or its first `sections`) as plain data, for exports, metrics and checks; never throws. */
export function readDocument(
  doc: Y.Doc,
  options: { readonly sections?: number } = {},
): Read<DocumentView> {
  const meta = readMeta(doc);
  const problems: Problem[] = [...meta.problems];
  // `sections` reads only that many from the top (a first screen), leaving the rest unread.
  const sections = readSectionEntries(doc, problems)
    .slice(0, options.sections)
    .map((entry): SectionView => {
      const summary = readSectionSummary(entry, problems);
      switch (summary.kind) {
        case 'note':
          return {
            ...summary,
            kind: 'note',
            blocks: readNoteContent(entry.map, `sections[${entry.id}].content`, problems),
          };
        case 'table':
          return {
            ...summary,
            kind: 'table',
            table: readTableContent(entry.map, entry.id, summary.title, problems),
          };
        case 'unknown':
          return { ...summary, kind: 'unknown' };
      }
    });
  return { value: { meta: meta.value, sections }, problems };
}
