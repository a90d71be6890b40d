import type * as Y from 'yjs';
import { invalid } from './problems.ts';
import {
  addColumn,
  closeRatingRound,
  readTable,
  renameColumn,
  type Created,
  type TableView,
} from './table.ts';

/**
 * Rounds of a rubric ("Fall 2026", "Spring 2027"): each round is one rating column of the same
 * table, so every participant's answer per practice and round is one key of the row, and earlier
 * rounds stay in the document beside the current one. Starting a round closes the ones before.
 */
export interface RatingRound {
  readonly columnId: string;
  readonly label: string;
  readonly closed: boolean;
  /** The last open round: the one people rate in now. */
  readonly current: boolean;
}

export function readRatingRounds(table: TableView): RatingRound[] {
  const ratings = table.columns.filter((column) => column.kind === 'rating');
  const currentId = ratings.filter((column) => !column.closed).at(-1)?.id;
  return ratings.map((column) => ({
    columnId: column.id,
    label: column.title,
    closed: column.kind === 'rating' && column.closed,
    current: column.id === currentId,
  }));
}

export interface NewRound {
  readonly label: string;
  /** A name for the round that ends, when it still has the template's generic title. */
  readonly previousLabel?: string;
}

/**
 * Closes every open round and adds a new rating column after the last one, with the same scale,
 * in one transaction. Two people starting a round at the same moment get two new rounds; both
 * are kept, the later column is current, and either can be deleted like any column.
 */
export function startRatingRound(doc: Y.Doc, sectionId: string, round: NewRound): Created {
  const label = round.label.trim();
  if (label === '') return invalid('a round needs a name, e.g. "Spring 2027"');
  const table = readTable(doc, sectionId)?.value;
  if (table === undefined) return invalid(`table ${sectionId} no longer exists`);
  const rounds = readRatingRounds(table);
  const last = rounds.at(-1);
  if (last === undefined) return invalid('this table has no rating column to start a round from');
  if (rounds.some((existing) => existing.label.trim().toLowerCase() === label.toLowerCase()))
    return invalid(`there is already a round called "${label}"`);
  const lastColumn = table.columns.find((column) => column.id === last.columnId);
  const scale = lastColumn?.kind === 'rating' ? lastColumn.scale : [];
  return doc.transact(() => {
    for (const open of rounds.filter((existing) => !existing.closed))
      closeRatingRound(doc, sectionId, open.columnId);
    const previousLabel = round.previousLabel?.trim() ?? '';
    if (previousLabel !== '') renameColumn(doc, sectionId, last.columnId, previousLabel);
    const index = table.columns.findIndex((column) => column.id === last.columnId) + 1;
    return addColumn(doc, sectionId, { kind: 'rating', title: label, scale }, index);
  });
}
