import * as Y from 'yjs';
import { expect } from 'vitest';
import {
  inlineText,
  readNote,
  readTable,
  type NoteBlock,
  type TableView,
} from '../../../core/schema/index.ts';
import type { CellValue } from '../../../core/tables/index.ts';
import { createDocument, type TemplateId } from '../../../core/templates/index.ts';

/** Read-back helpers shared by the template tests: they see a document only through core's readers. */

export const CREATED_AT = '2026-08-17T09:00:00.000Z';

export function buildTemplate(template: TemplateId): Y.Doc {
  const doc = new Y.Doc();
  expect(createDocument(doc, { template, createdAt: CREATED_AT })).toEqual({ ok: true });
  return doc;
}

export function tableOf(doc: Y.Doc, sectionId: string): TableView {
  const read = readTable(doc, sectionId);
  expect(read, `table "${sectionId}"`).not.toBeNull();
  expect(read!.problems).toEqual([]);
  return read!.value;
}

export function cellText(cell: CellValue | undefined): string {
  if (cell === undefined) return '';
  if (cell.kind === 'text' || cell.kind === 'person' || cell.kind === 'date') return cell.text;
  return '';
}

/** The text of one column, row by row. */
export function columnTexts(table: TableView, columnId: string): string[] {
  return table.rows.map((row) => cellText(row.cells[columnId]));
}

export function columnValues(table: TableView, columnId: string): (CellValue | undefined)[] {
  return table.rows.map((row) => row.cells[columnId]);
}

/** The label of each row's choice in a choice column ('' when none is chosen). */
export function choiceLabels(table: TableView, columnId: string): string[] {
  const column = table.columns.find((candidate) => candidate.id === columnId);
  if (column === undefined || (column.kind !== 'choice' && column.kind !== 'multi-choice'))
    throw new Error(`${columnId} is not a choice column`);
  return table.rows.map((row) => {
    const cell = row.cells[columnId];
    const optionId = cell?.kind === 'choice' ? cell.optionId : null;
    return column.options.find((option) => option.id === optionId)?.label ?? '';
  });
}

export function columnTitles(table: TableView): string[] {
  return table.columns.map((column) => column.title);
}

function blockLines(block: NoteBlock): string[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return [inlineText(block.content)];
    case 'bulletList':
    case 'orderedList':
      return block.items.flatMap((item) => item.flatMap(blockLines));
    case 'blockquote':
      return block.blocks.flatMap(blockLines);
    case 'horizontalRule':
      return [];
  }
}

/** A note's text, one line per paragraph, heading or list item. */
export function noteLines(doc: Y.Doc, sectionId: string): string[] {
  const read = readNote(doc, sectionId);
  expect(read, `note "${sectionId}"`).not.toBeNull();
  expect(read!.problems).toEqual([]);
  return read!.value.flatMap(blockLines);
}

export function noteBlocks(doc: Y.Doc, sectionId: string): NoteBlock[] {
  const read = readNote(doc, sectionId);
  expect(read, `note "${sectionId}"`).not.toBeNull();
  return read!.value;
}
