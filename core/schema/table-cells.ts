import type * as Y from 'yjs';
import type { CellInput } from '../tables/cell-values.ts';
import type { Column } from '../tables/column-kinds.ts';
import { readColumn } from './columns.ts';
import { findEntry, type Entry } from './ordered-list.ts';
import { applied, invalid, notFound, type Applied, type Failure } from './problems.ts';
import { writePersonLink, type LinkedPerson } from './person-link.ts';
import {
  cellsOf,
  ensureTextCellOf,
  textCellOf,
  writeCellValue,
  writePick,
  writeRating,
  writeText,
} from './rows.ts';
import { tableParts } from './table.ts';

/** Writing one cell of a table: its value, its shared text, a rating or a pick. */

interface LocatedCell {
  readonly row: Entry;
  readonly column: Column;
}

function locateCell(
  doc: Y.Doc,
  sectionId: string,
  rowId: string,
  columnId: string,
): LocatedCell | Failure {
  const parts = tableParts(doc, sectionId);
  if (parts === null) return notFound(`table ${sectionId} no longer exists`);
  const row = findEntry(parts.rows, rowId);
  if (row === null) return notFound(`row ${rowId} no longer exists`);
  const columnEntry = findEntry(parts.columns, columnId);
  if (columnEntry === null) return notFound(`column ${columnId} no longer exists`);
  return { row: row.map, column: readColumn(columnId, columnEntry.map, '', []) };
}

/** Writes a cell. Text cells are replaced whole: editors bind to `ensureTextCell` instead, to merge by character. */
export function setCell(
  doc: Y.Doc,
  sectionId: string,
  rowId: string,
  columnId: string,
  input: CellInput,
): Applied {
  const cell = locateCell(doc, sectionId, rowId, columnId);
  if ('ok' in cell) return cell;
  let result: Applied = applied;
  doc.transact(() => {
    result = writeCellValue(cell.row, cell.column, input);
  });
  return result;
}

/** The Y.Text of a text or person cell, if it exists. */
export function textCell(
  doc: Y.Doc,
  sectionId: string,
  rowId: string,
  columnId: string,
): Y.Text | null {
  const cell = locateCell(doc, sectionId, rowId, columnId);
  return 'ok' in cell ? null : textCellOf(cell.row, columnId);
}

/** The Y.Text of a text or person cell, created if the row and column were made concurrently. */
export function ensureTextCell(
  doc: Y.Doc,
  sectionId: string,
  rowId: string,
  columnId: string,
): Y.Text | null {
  const cell = locateCell(doc, sectionId, rowId, columnId);
  if ('ok' in cell || !(cell.column.kind === 'text' || cell.column.kind === 'person')) return null;
  let text: Y.Text | null = null;
  doc.transact(() => {
    text = ensureTextCellOf(cell.row, columnId);
  });
  return text;
}

/**
 * Picks a person for a person cell: writes their name as the cell's text and links the cell to
 * their account, in one change; with null, unlinks it and leaves the text as it is. Typing over
 * the name later unlinks it too (person-link.ts), so free text stays free text.
 */
export function linkPerson(
  doc: Y.Doc,
  sectionId: string,
  rowId: string,
  columnId: string,
  person: LinkedPerson | null,
): Applied {
  const cell = locateCell(doc, sectionId, rowId, columnId);
  if ('ok' in cell) return cell;
  const { column, row } = cell;
  if (column.kind !== 'person') return invalid(`"${column.title}" is not a person column`);
  if (person !== null && (person.account === '' || person.name.trim() === ''))
    return invalid('a linked person needs an account and a name');
  doc.transact(() => {
    if (person !== null) writeText(row, columnId, person.name.trim());
    writePersonLink(cellsOf(row), columnId, person && { ...person, name: person.name.trim() });
  });
  return applied;
}

/**
 * Sets (or with null, clears) one participant's answer on a rating column. `participant` is the
 * participant's id (schema 3; older documents keyed answers by display name): `replaces` names
 * such an older key of the same person, cleared in the same change so the answer counts once.
 */
export function setRating(
  doc: Y.Doc,
  sectionId: string,
  rowId: string,
  columnId: string,
  participant: string,
  level: number | null,
  options: { readonly replaces?: string } = {},
): Applied {
  const cell = locateCell(doc, sectionId, rowId, columnId);
  if ('ok' in cell) return cell;
  const { column, row } = cell;
  if (column.kind !== 'rating') return invalid(`"${column.title}" is not a rating column`);
  if (column.closed)
    return invalid(`"${column.title}" is an earlier round and can no longer be changed`);
  if (participant.trim() === '') return invalid('a rating needs the name of who gives it');
  if (level !== null && !(Number.isInteger(level) && level >= 0 && level < column.scale.length)) {
    return invalid(`"${column.title}" expects one of: ${column.scale.join(', ')}`);
  }
  doc.transact(() => {
    writeRating(row, columnId, participant, level);
    if (options.replaces !== undefined && options.replaces !== participant)
      writeRating(row, columnId, options.replaces, null);
  });
  return applied;
}

/** Ticks or unticks one option of a multi-choice cell without touching the others. */
export function setPicked(
  doc: Y.Doc,
  sectionId: string,
  rowId: string,
  columnId: string,
  optionId: string,
  picked: boolean,
): Applied {
  const cell = locateCell(doc, sectionId, rowId, columnId);
  if ('ok' in cell) return cell;
  const { column, row } = cell;
  if (column.kind !== 'multi-choice')
    return invalid(`"${column.title}" is not a multiple-choice column`);
  if (!column.options.some((option) => option.id === optionId))
    return invalid(`"${column.title}" has no such option`);
  writePick(row, columnId, optionId, picked);
  return applied;
}
