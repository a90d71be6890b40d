import * as Y from 'yjs';
import {
  addRow,
  addTableSection,
  initializeDocument,
  readDocument,
  type DocumentView,
  type RowInit,
  type TableSectionInit,
  type TableView,
} from '../../../core/schema/index.ts';

/** Test documents, built only through core/schema so the exports are tested on what clients write. */
export function buildDocument(title: string, fill: (doc: Y.Doc) => void = () => {}): DocumentView {
  const doc = new Y.Doc();
  const created = initializeDocument(
    doc,
    { title, template: null, createdAt: '2027-01-04T15:00:00.000Z' },
    fill,
  );
  if (!created.ok) throw new Error(created.message);
  return readView(doc);
}

/** The document as plain data; fails the test on any read problem, since these documents are well formed. */
export function readView(doc: Y.Doc): DocumentView {
  const read = readDocument(doc);
  if (read.problems.length > 0)
    throw new Error(`unexpected read problems: ${JSON.stringify(read.problems)}`);
  return read.value;
}

export function mustAddRow(doc: Y.Doc, sectionId: string, init: RowInit): string {
  const added = addRow(doc, sectionId, init);
  if (!added.ok) throw new Error(added.message);
  return added.id;
}

/** A one-table document, returning that table as exports read it. */
export function buildTable(
  init: TableSectionInit,
  fill: (doc: Y.Doc, sectionId: string) => void = () => {},
): TableView {
  const doc = new Y.Doc();
  let sectionId = '';
  const created = initializeDocument(
    doc,
    { title: 'Table', template: null, createdAt: '2027-01-04T15:00:00.000Z' },
    (d) => {
      sectionId = addTableSection(d, init);
      fill(d, sectionId);
    },
  );
  if (!created.ok) throw new Error(created.message);
  const section = readView(doc).sections.find((candidate) => candidate.id === sectionId);
  if (section?.kind !== 'table') throw new Error('table section missing');
  return section.table;
}
