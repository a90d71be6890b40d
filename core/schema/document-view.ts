import * as Y from 'yjs';
import { readMeta, type DocumentMeta } from './meta.ts';
import type { Problem } from './problems.ts';
import type { RowView, TableView } from './table.ts';
import type { OrderedEntry } from './ordered-list.ts';
import {
  readSectionEntries,
  readSectionSummary,
  sectionTitleTextOf,
  sectionsArray,
} from './sections.ts';
import { readNoteContent } from './note.ts';
import { readTableContent } from './table.ts';
import { RowReads } from './row-reads.ts';
import { sameRow } from './same-cell.ts';

/**
 * What the page shows of a section. A note's text is not here: its editor reads and writes the
 * note's fragment itself, so a keystroke in a note costs the page nothing.
 */
export type PageSection =
  | { readonly id: string; readonly kind: 'note'; readonly title: string }
  | {
      readonly id: string;
      readonly kind: 'table';
      readonly title: string;
      readonly table: TableView;
    }
  | { readonly id: string; readonly kind: 'unknown'; readonly title: string };

export interface PageView {
  readonly meta: DocumentMeta;
  readonly sections: readonly PageSection[];
  readonly problems: readonly Problem[];
}

interface SectionRead {
  readonly map: Y.Map<unknown>;
  readonly section: PageSection;
  readonly problems: readonly Problem[];
}

/**
 * The document as the page shows it, read again only where a transaction changed something:
 * the meta when the meta changed, the list of sections when it or a section's own keys changed,
 * and a table when something inside it changed. Sections and rows that did not change keep the
 * same objects, so memoised components skip them. With 30 people typing into a 200-row table,
 * this is the difference between reading the whole document every frame and reading one table.
 */
export class DocumentViewReader {
  private metaRead: { value: DocumentMeta; problems: readonly Problem[] };
  private sectionReads = new Map<string, SectionRead>();
  private order: readonly OrderedEntry[] = [];
  private orderProblems: readonly Problem[] = [];
  private view: PageView;
  /** Each table's rows as last read; a transaction makes them forget the rows it touched. */
  private rowReads = new WeakMap<Y.Map<unknown>, RowReads>();
  /** What changed since the last `read`; null once read. */
  private dirty: { meta: boolean; order: boolean; sections: Set<Y.Map<unknown>> } | null = null;

  /** The document's state when the reader was made, to notice changes made before anyone listened. */
  private readonly createdAt: Uint8Array;

  constructor(private readonly doc: Y.Doc) {
    this.createdAt = Y.encodeStateVector(doc);
    const meta = readMeta(doc);
    this.metaRead = { value: meta.value, problems: meta.problems };
    this.readOrder();
    this.view = this.compose();
  }

  /** Notes what a transaction changed; cheap, for every transaction. Returns whether the view may differ. */
  noteTransaction(transaction: Y.Transaction): boolean {
    // Yjs types these maps by their most general type; the keys are the document's own types.
    const changed = transaction.changed as Map<unknown, Set<string | null>>;
    const changedParents = transaction.changedParentTypes as Map<unknown, unknown>;
    const meta = this.doc.getMap('meta');
    const changedMeta = changedParents.has(meta) || changed.has(meta);
    const changedOrder = changed.has(sectionsArray(this.doc));
    const changedSections: Y.Map<unknown>[] = [];
    for (const entry of this.order) {
      const ownKeys = changed.get(entry.map);
      // A section's own keys are its title, kind and order; a note's content is its editor's business.
      const titleText = sectionTitleTextOf(entry.map);
      if (ownKeys !== undefined && [...ownKeys].some((key) => key !== 'content'))
        changedSections.push(entry.map);
      // A letter typed in the section's name changes only its Y.Text.
      else if (titleText !== null && changed.has(titleText)) changedSections.push(entry.map);
      else if (
        this.sectionReads.get(entry.id)?.section.kind === 'table' &&
        changedParents.has(entry.map)
      )
        changedSections.push(entry.map);
    }
    if (!changedMeta && !changedOrder && changedSections.length === 0) return false;
    for (const map of changedSections) {
      const rowReads = this.rowReads.get(map);
      if (rowReads === undefined) continue;
      for (const type of changedParents.keys()) rowReads.forget(type as Y.AbstractType<unknown>);
      for (const type of changed.keys()) rowReads.forget(type as Y.AbstractType<unknown>);
    }
    this.dirty ??= { meta: false, order: false, sections: new Set() };
    this.dirty.meta ||= changedMeta;
    this.dirty.order ||=
      changedOrder ||
      changedSections.some((map) =>
        [...(changed.get(map) ?? [])].some((key) => key !== null && key !== 'content'),
      );
    for (const map of changedSections) this.dirty.sections.add(map);
    return true;
  }

  /** Marks everything for reading again if the document changed since the reader was made and nobody passed the transactions on. */
  catchUp(): void {
    const now = Y.encodeStateVector(this.doc);
    if (
      now.length === this.createdAt.length &&
      now.every((byte, index) => byte === this.createdAt[index])
    )
      return;
    this.rowReads = new WeakMap();
    this.dirty = {
      meta: true,
      order: true,
      sections: new Set(this.order.map((entry) => entry.map)),
    };
  }

  /** The view, brought up to date with what changed. */
  read(): PageView {
    const dirty = this.dirty;
    if (dirty === null) return this.view;
    this.dirty = null;
    if (dirty.meta) {
      const meta = readMeta(this.doc);
      this.metaRead = { value: meta.value, problems: meta.problems };
    }
    if (dirty.order) this.readOrder();
    for (const [id, read] of this.sectionReads) {
      if (dirty.sections.has(read.map))
        this.sectionReads.set(
          id,
          this.readSection(
            this.order.find((entry) => entry.id === id)!,
            read,
          ),
        );
    }
    this.view = this.compose();
    return this.view;
  }

  private readOrder(): void {
    const problems: Problem[] = [];
    this.order = readSectionEntries(this.doc, problems);
    this.orderProblems = problems;
    const reads = new Map<string, SectionRead>();
    for (const entry of this.order) {
      const known = this.sectionReads.get(entry.id);
      reads.set(
        entry.id,
        known !== undefined && known.map === entry.map ? known : this.readSection(entry, undefined),
      );
    }
    this.sectionReads = reads;
  }

  private readSection(entry: OrderedEntry, previous: SectionRead | undefined): SectionRead {
    const problems: Problem[] = [];
    const summary = readSectionSummary(entry, problems);
    let section: PageSection;
    switch (summary.kind) {
      case 'note':
        // Read once for its problems only (a newer client's blocks); the editor shows the text.
        if (previous === undefined)
          readNoteContent(entry.map, `sections[${entry.id}].content`, problems);
        section = { id: summary.id, kind: 'note', title: summary.title };
        break;
      case 'table': {
        let rowReads = this.rowReads.get(entry.map);
        if (rowReads === undefined) this.rowReads.set(entry.map, (rowReads = new RowReads()));
        const table = readTableContent(entry.map, entry.id, summary.title, problems, rowReads);
        const before = previous?.section.kind === 'table' ? previous.section.table : null;
        section = {
          id: summary.id,
          kind: 'table',
          title: summary.title,
          table: before === null ? table : keepUnchangedRows(before, table),
        };
        break;
      }
      case 'unknown':
        section = { id: summary.id, kind: 'unknown', title: summary.title };
        break;
    }
    if (previous !== undefined && sameSection(previous.section, section))
      return { map: entry.map, section: previous.section, problems };
    return { map: entry.map, section, problems };
  }

  private compose(): PageView {
    const sections = this.order.map((entry) => this.sectionReads.get(entry.id)!.section);
    const problems = [
      ...this.metaRead.problems,
      ...this.orderProblems,
      ...this.order.flatMap((entry) => this.sectionReads.get(entry.id)!.problems),
    ];
    const before = this.view as PageView | undefined;
    const sameSections =
      before !== undefined &&
      before.sections.length === sections.length &&
      sections.every((section, index) => section === before.sections[index]);
    return {
      meta: this.metaRead.value,
      sections: sameSections ? before.sections : sections,
      problems,
    };
  }
}

/** The new read of a table, with the row objects of the previous read wherever a row did not change. */
function keepUnchangedRows(before: TableView, after: TableView): TableView {
  const previous = new Map(before.rows.map((row) => [row.id, row]));
  let changed = before.rows.length !== after.rows.length;
  const rows = after.rows.map((row, index): RowView => {
    const old = previous.get(row.id);
    if (old !== undefined && (old === row || sameRow(old, row))) {
      if (before.rows[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return row;
  });
  const sameColumns = JSON.stringify(before.columns) === JSON.stringify(after.columns);
  if (
    !changed &&
    sameColumns &&
    before.title === after.title &&
    before.description === after.description
  )
    return before;
  return {
    ...after,
    columns: sameColumns ? before.columns : after.columns,
    rows: changed ? rows : before.rows,
  };
}

function sameSection(a: PageSection, b: PageSection): boolean {
  if (a.id !== b.id || a.kind !== b.kind || a.title !== b.title) return false;
  return a.kind !== 'table' || a.table === (b as typeof a).table;
}
