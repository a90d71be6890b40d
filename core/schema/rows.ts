import * as Y from 'yjs';
import {
  computeRate,
  normalizeCellInput,
  readDateText,
  type CellInput,
  type CellValue,
  type RatingAnswer,
  type StoredScalar,
} from '../tables/cell-values.ts';
import { isTextKind, type Column } from '../tables/column-kinds.ts';
import { KEY_SEPARATOR } from './columns.ts';
import type { Entry } from './ordered-list.ts';
import { personLinkKey, readPersonAccount } from './person-link.ts';
import { applied, describeType, invalid, type Applied, type Problem } from './problems.ts';

/**
 * A row is a Y.Map with three maps created together with it:
 * - `cells`: column id → Y.Text (text, person) or a plain value (everything else);
 * - `picks`: `columnId/optionId` → true, for multi-choice;
 * - `ratings`: `columnId/participant` → level index, for rating columns.
 *
 * Picks and ratings are keyed flat, not nested per column, because a nested map would have to be
 * created lazily when a column is added while another replica adds a row, and two replicas
 * creating it at once would each overwrite the other's answers.
 *
 * Text cells have no such escape: a Y.Text must exist before anyone types. They are created
 * with the row for every text column it knows of, and for every row when a text column is added,
 * so only a cell whose row and column were created concurrently is created on first edit.
 */
const CELLS = 'cells';
const PICKS = 'picks';
const RATINGS = 'ratings';

function childMap(row: Entry, key: string): Y.Map<unknown> {
  const existing = row.get(key);
  if (existing instanceof Y.Map) return existing;
  // Only a malformed row lacks these; repairing it is better than refusing the edit.
  const created = new Y.Map<unknown>();
  row.set(key, created);
  return created;
}

/** The row's map of cells (and person links), repaired if a malformed row lacks it. */
export const cellsOf = (row: Entry): Y.Map<unknown> => childMap(row, CELLS);

/** Fills a freshly inserted row. Call inside a transaction. */
export function writeRowContent(row: Entry, columns: readonly Column[]): void {
  const cells = new Y.Map<unknown>();
  row.set(CELLS, cells);
  row.set(PICKS, new Y.Map<unknown>());
  row.set(RATINGS, new Y.Map<unknown>());
  for (const column of columns) {
    if (column.kind !== 'unknown' && isTextKind(column.kind)) cells.set(column.id, new Y.Text());
  }
}

/** Gives every row an empty text cell for a new text column (see the note above on races). */
export function addTextCellToRows(rows: readonly Entry[], columnId: string): void {
  for (const row of rows) {
    const cells = childMap(row, CELLS);
    if (!(cells.get(columnId) instanceof Y.Text)) cells.set(columnId, new Y.Text());
  }
}

export function removeColumnFromRows(rows: readonly Entry[], columnId: string): void {
  const prefix = columnId + KEY_SEPARATOR;
  for (const row of rows) {
    const cells = row.get(CELLS);
    if (cells instanceof Y.Map) {
      cells.delete(columnId);
      cells.delete(personLinkKey(columnId));
    }
    for (const key of [PICKS, RATINGS]) {
      const map = row.get(key);
      if (map instanceof Y.Map)
        for (const mapKey of [...map.keys()]) if (mapKey.startsWith(prefix)) map.delete(mapKey);
    }
  }
}

export function textCellOf(row: Entry, columnId: string): Y.Text | null {
  const cells = row.get(CELLS);
  const cell = cells instanceof Y.Map ? cells.get(columnId) : undefined;
  return cell instanceof Y.Text ? cell : null;
}

/** The cell's Y.Text, created if missing; a plain string left by an old client becomes its content. */
export function ensureTextCellOf(row: Entry, columnId: string): Y.Text {
  const cells = childMap(row, CELLS);
  const cell = cells.get(columnId);
  if (cell instanceof Y.Text) return cell;
  const text = new Y.Text(typeof cell === 'string' ? cell : '');
  cells.set(columnId, text);
  return text;
}

export function writeText(row: Entry, columnId: string, value: string): void {
  const text = ensureTextCellOf(row, columnId);
  if (text.toString() === value) return;
  text.delete(0, text.length);
  text.insert(0, value);
}

export function writeScalar(row: Entry, columnId: string, value: StoredScalar): void {
  const cells = childMap(row, CELLS);
  if (value === null) cells.delete(columnId);
  else cells.set(columnId, value);
}

export function writePicks(row: Entry, columnId: string, optionIds: readonly string[]): void {
  const picks = childMap(row, PICKS);
  const prefix = columnId + KEY_SEPARATOR;
  const wanted = new Set(optionIds);
  for (const key of [...picks.keys()])
    if (key.startsWith(prefix) && !wanted.has(key.slice(prefix.length))) picks.delete(key);
  for (const id of wanted) if (picks.get(prefix + id) !== true) picks.set(prefix + id, true);
}

export function writePick(row: Entry, columnId: string, optionId: string, picked: boolean): void {
  const picks = childMap(row, PICKS);
  if (picked) picks.set(columnId + KEY_SEPARATOR + optionId, true);
  else picks.delete(columnId + KEY_SEPARATOR + optionId);
}

export function writeRating(
  row: Entry,
  columnId: string,
  participant: string,
  level: number | null,
): void {
  const ratings = childMap(row, RATINGS);
  if (level === null) ratings.delete(columnId + KEY_SEPARATOR + participant);
  else ratings.set(columnId + KEY_SEPARATOR + participant, level);
}

/** Groups `columnId/rest` keys of a row map by column id. */
function groupByColumn(map: unknown): Map<string, Array<[string, unknown]>> {
  const groups = new Map<string, Array<[string, unknown]>>();
  if (!(map instanceof Y.Map)) return groups;
  for (const [key, value] of map.entries()) {
    const at = key.indexOf(KEY_SEPARATOR);
    if (at <= 0) continue;
    const columnId = key.slice(0, at);
    let group = groups.get(columnId);
    if (group === undefined) groups.set(columnId, (group = []));
    group.push([key.slice(at + 1), value]);
  }
  return groups;
}

export function readRowCells(
  row: Entry,
  columns: readonly Column[],
  path: string,
  problems: Problem[],
): Record<string, CellValue> {
  const cellsMap = row.get(CELLS);
  if (!(cellsMap instanceof Y.Map)) {
    problems.push({
      path: `${path}.cells`,
      code: cellsMap === undefined ? 'missing' : 'wrong-type',
      message: `row cells should be a map, found ${describeType(cellsMap)}`,
    });
  }
  const cells =
    cellsMap instanceof Y.Map ? (cellsMap as Y.Map<unknown>) : new Map<string, unknown>();
  const picks = groupByColumn(row.get(PICKS));
  const ratings = groupByColumn(row.get(RATINGS));
  const values: Record<string, CellValue> = {};
  const wrong = (column: Column, raw: unknown, expected: string): void => {
    problems.push({
      path: `${path}.cells[${column.id}]`,
      code: 'wrong-type',
      message: `"${column.title}" should hold ${expected}, found ${describeType(raw)}; shown empty`,
    });
  };

  for (const column of columns) {
    const raw = cells.get(column.id);
    switch (column.kind) {
      case 'text':
      case 'person': {
        const text = raw instanceof Y.Text ? raw.toString() : typeof raw === 'string' ? raw : '';
        if (raw !== undefined && !(raw instanceof Y.Text) && typeof raw !== 'string')
          wrong(column, raw, 'text');
        const account =
          column.kind === 'person' ? readPersonAccount(cells, column.id, text) : undefined;
        values[column.id] = { kind: column.kind, text, ...(account !== undefined && { account }) };
        break;
      }
      case 'date':
        if (raw !== undefined && typeof raw !== 'string') wrong(column, raw, 'a date');
        values[column.id] = readDateText(typeof raw === 'string' ? raw : '');
        break;
      case 'minutes':
      case 'number': {
        const ok = typeof raw === 'number' && Number.isFinite(raw);
        if (raw !== undefined && !ok) wrong(column, raw, 'a number');
        values[column.id] = { kind: column.kind, value: ok ? (raw as number) : null };
        break;
      }
      case 'checkbox':
        if (raw !== undefined && typeof raw !== 'boolean')
          wrong(column, raw, 'checked or unchecked');
        values[column.id] = { kind: 'checkbox', checked: raw === true };
        break;
      case 'choice': {
        const known = typeof raw === 'string' && column.options.some((option) => option.id === raw);
        if (raw !== undefined && !known) {
          problems.push({
            path: `${path}.cells[${column.id}]`,
            code: 'dangling-reference',
            message: `"${column.title}" holds an option that no longer exists; shown empty`,
          });
        }
        values[column.id] = { kind: 'choice', optionId: known ? (raw as string) : null };
        break;
      }
      case 'multi-choice': {
        const picked = new Set(
          (picks.get(column.id) ?? []).filter(([, value]) => value === true).map(([id]) => id),
        );
        // Option order, not pick order, so every replica lists them the same way.
        values[column.id] = {
          kind: 'multi-choice',
          optionIds: column.options
            .filter((option) => picked.has(option.id))
            .map((option) => option.id),
        };
        break;
      }
      case 'rating': {
        const answers: RatingAnswer[] = [];
        for (const [participant, level] of ratings.get(column.id) ?? []) {
          if (
            typeof level === 'number' &&
            Number.isInteger(level) &&
            level >= 0 &&
            level < column.scale.length
          )
            answers.push({ participant, level });
          else
            problems.push({
              path: `${path}.ratings[${column.id}/${participant}]`,
              code: 'invalid-value',
              message: `rating ${JSON.stringify(level)} is not on the scale of "${column.title}"; ignored`,
            });
        }
        answers.sort((a, b) =>
          a.participant < b.participant ? -1 : a.participant > b.participant ? 1 : 0,
        );
        values[column.id] = { kind: 'rating', answers };
        break;
      }
      case 'rate':
        values[column.id] = { kind: 'rate', value: null }; // filled below, once every input column is read
        break;
      case 'unknown':
        values[column.id] = { kind: 'unknown' };
        break;
    }
  }

  for (const column of columns) {
    if (column.kind !== 'rate') continue;
    const numerator = values[column.numerator];
    const denominator = values[column.denominator];
    const number = (cell: CellValue | undefined): number | null =>
      cell !== undefined && (cell.kind === 'number' || cell.kind === 'minutes') ? cell.value : null;
    values[column.id] = {
      kind: 'rate',
      value: computeRate(number(numerator), number(denominator)),
    };
  }
  return values;
}

/** Checks `input` against the column and writes it into the row, or says why it does not fit. */
export function writeCellValue(row: Entry, column: Column, input: CellInput): Applied {
  const checked = normalizeCellInput(column, input);
  if (!checked.ok) return invalid(checked.message);
  if (column.kind === 'text' || column.kind === 'person')
    writeText(row, column.id, checked.value as string);
  else if (column.kind === 'multi-choice')
    writePicks(row, column.id, checked.value as readonly string[]);
  else writeScalar(row, column.id, checked.value as string | number | boolean | null);
  return applied;
}
