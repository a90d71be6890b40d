import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addColumn,
  addNoteSection,
  addRow,
  noteFragment,
  readDocument,
  readSections,
  readTable,
  renameSection,
  setCell,
  textCell,
  writeTitle,
} from '../../../core/schema/index.ts';
import { createDocument } from '../../../core/templates/index.ts';
import { DocumentViewReader } from '../../../core/schema/document-view.ts';

function openReader(): {
  doc: Y.Doc;
  reader: DocumentViewReader;
  read: () => ReturnType<DocumentViewReader['read']>;
} {
  const doc = new Y.Doc();
  expect(
    createDocument(doc, { template: 'data-review', createdAt: '2026-08-17T09:00:00.000Z' }),
  ).toEqual({ ok: true });
  const reader = new DocumentViewReader(doc);
  doc.on('afterTransaction', (transaction: Y.Transaction) => reader.noteTransaction(transaction));
  return { doc, reader, read: () => reader.read() };
}

function tables(doc: Y.Doc) {
  return readSections(doc).value.filter((section) => section.kind === 'table');
}

describe('the page view, read again only where something changed', () => {
  test('a keystroke in a note changes nothing the page shows, and keeps every object', () => {
    const { doc, read } = openReader();
    const before = read();
    const note = readSections(doc).value.find((section) => section.kind === 'note')!;
    const fragment = noteFragment(doc, note.id)!;
    doc.transact(() => fragment.insert(0, [new Y.XmlElement('paragraph')]));
    expect(read()).toBe(before);
  });

  test('a cell edit gives a new object for that table and that row only, equal to a full read', () => {
    const { doc, read } = openReader();
    const before = read();
    const [first, second] = tables(doc);
    const table = readTable(doc, first!.id)!.value;
    const textColumn = table.columns.find((column) => column.kind === 'text')!;
    const row = table.rows[0]!;
    setCell(doc, first!.id, row.id, textColumn.id, 'changed');
    const after = read();
    const firstBefore = before.sections.find((section) => section.id === first!.id)!;
    const firstAfter = after.sections.find((section) => section.id === first!.id)!;
    expect(firstAfter).not.toBe(firstBefore);
    expect(after.sections.find((section) => section.id === second!.id)).toBe(
      before.sections.find((section) => section.id === second!.id),
    );
    if (firstAfter.kind !== 'table' || firstBefore.kind !== 'table')
      throw new Error('expected tables');
    expect(firstAfter.table.rows[0]).not.toBe(firstBefore.table.rows[0]);
    expect(firstAfter.table.rows.slice(1)).toEqual(firstBefore.table.rows.slice(1));
    firstAfter.table.rows
      .slice(1)
      .forEach((rowAfter, index) => expect(rowAfter).toBe(firstBefore.table.rows[index + 1]));
    expect(firstAfter.table).toEqual(readTable(doc, first!.id)!.value);
  });

  test('typing into a text cell, adding rows and sections, renaming and retitling all show, as a full read does', () => {
    const { doc, read } = openReader();
    read();
    const [first] = tables(doc);
    const table = readTable(doc, first!.id)!.value;
    const textColumn = table.columns.find((column) => column.kind === 'text')!;
    const row = table.rows[0]!;
    setCell(doc, first!.id, row.id, textColumn.id, 'a');
    read();
    textCell(doc, first!.id, row.id, textColumn.id)!.insert(1, 'bc');
    addRow(doc, first!.id);
    renameSection(doc, first!.id, 'Renamed');
    writeTitle(doc, 'New title');
    addNoteSection(doc, { title: 'Added', index: 0 });
    const view = read();
    const full = readDocument(doc).value;
    expect(view.meta).toEqual(full.meta);
    expect(view.sections.map((section) => [section.id, section.kind, section.title])).toEqual(
      full.sections.map((section) => [section.id, section.kind, section.title]),
    );
    const shown = view.sections.find((section) => section.id === first!.id)!;
    expect(shown.kind === 'table' && shown.table).toEqual(readTable(doc, first!.id)!.value);
    expect(shown.kind === 'table' && shown.table.rows[0]!.cells[textColumn.id]).toEqual({
      kind: 'text',
      text: 'abc',
    });
  });

  test("another replica's edits re-read the rows they touched, a new column re-reads them all, and each read equals a full read", () => {
    const { doc, read } = openReader();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const sync = (): void =>
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
    const [first] = tables(doc);
    const table = (view: ReturnType<typeof read>) => {
      const section = view.sections.find((candidate) => candidate.id === first!.id)!;
      if (section.kind !== 'table') throw new Error('expected a table');
      return section.table;
    };
    const rows = readTable(remote, first!.id)!.value.rows;
    const textColumn = readTable(remote, first!.id)!.value.columns.find(
      (column) => column.kind === 'text',
    )!;
    for (let added = rows.length; added < 4; added++) addRow(remote, first!.id);
    sync();
    const before = table(read());
    const last = before.rows.at(-1)!;
    setCell(remote, first!.id, last.id, textColumn.id, 'from far away');
    sync();
    const afterEdit = table(read());
    expect(afterEdit.rows.at(-1)!.cells[textColumn.id]).toEqual({
      kind: 'text',
      text: 'from far away',
    });
    afterEdit.rows.slice(0, -1).forEach((row, index) => expect(row).toBe(before.rows[index]));
    expect(afterEdit).toEqual(readTable(doc, first!.id)!.value);

    textCell(remote, first!.id, last.id, textColumn.id)!.insert(0, 'typed ');
    sync();
    expect(table(read()).rows.at(-1)!.cells[textColumn.id]).toEqual({
      kind: 'text',
      text: 'typed from far away',
    });

    expect(addColumn(remote, first!.id, { kind: 'checkbox', title: 'Done' }).ok).toBe(true);
    sync();
    const afterColumn = table(read());
    expect(afterColumn).toEqual(readTable(doc, first!.id)!.value);
    afterColumn.rows.forEach((row) =>
      expect(Object.keys(row.cells)).toHaveLength(afterColumn.columns.length),
    );
  });

  test('changes made before anyone listened are caught up with', () => {
    const doc = new Y.Doc();
    expect(
      createDocument(doc, { template: 'barriers', createdAt: '2026-08-17T09:00:00.000Z' }),
    ).toEqual({ ok: true });
    const reader = new DocumentViewReader(doc);
    writeTitle(doc, 'Changed meanwhile');
    reader.catchUp();
    expect(reader.read().meta.title).toBe('Changed meanwhile');
  });
});
