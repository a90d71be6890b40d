import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { describeType, type Problem } from './problems.ts';

/**
 * Sections, columns and rows are Y.Maps kept in a Y.Array, ordered by a fractional `order` key
 * rather than by their position in the array.
 *
 * Why: Yjs cannot move an element of a Y.Array; moving means deleting and re-inserting a copy,
 * and whatever another replica typed into the original meanwhile would be lost with it. Moving
 * here only rewrites one `order` string, so concurrent edits inside a moved row survive, and two
 * concurrent moves of the same row resolve to one of them (last writer wins).
 *
 * Concurrent inserts at the same place can produce equal keys; ties sort by id, which every
 * replica sees the same. Entries whose key is missing or unusable sort last, by array position.
 */
const ID = 'id';
const ORDER = 'order';

export type Entry = Y.Map<unknown>;

export interface OrderedEntry {
  readonly id: string;
  readonly map: Entry;
  /** The entry's fractional order key, or null if it had none usable. */
  readonly key: string | null;
}

export function readOrderedEntries(
  array: Y.Array<unknown>,
  path: string,
  problems: Problem[],
): OrderedEntry[] {
  const seen = new Set<string>();
  const entries: OrderedEntry[] = [];
  let index = 0;
  for (const item of array) {
    const itemPath = `${path}[${index++}]`;
    if (!(item instanceof Y.Map)) {
      problems.push({
        path: itemPath,
        code: 'wrong-type',
        message: `expected a map, found ${describeType(item)}; skipped`,
      });
      continue;
    }
    const id: unknown = item.get(ID);
    if (typeof id !== 'string' || id === '') {
      problems.push({ path: itemPath, code: 'missing', message: 'entry has no id; skipped' });
      continue;
    }
    if (seen.has(id)) {
      // The first occurrence in array order wins; array order is the same on every converged replica.
      problems.push({
        path: itemPath,
        code: 'duplicate-id',
        message: `id "${id}" appears twice; the later one is skipped`,
      });
      continue;
    }
    seen.add(id);
    const order: unknown = item.get(ORDER);
    const key = typeof order === 'string' && order !== '' ? order : null;
    if (key === null) {
      problems.push({
        path: itemPath,
        code: 'missing',
        message: `entry "${id}" has no order key; shown last`,
      });
    }
    entries.push({ id, map: item as Entry, key });
  }
  // Stable sort: entries without a key keep their array order at the end.
  return entries.sort(compareEntries);
}

function compareEntries(a: OrderedEntry, b: OrderedEntry): number {
  if (a.key === null || b.key === null) return a.key === b.key ? 0 : a.key === null ? 1 : -1;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Finds an entry by id without sorting; null when it is not there (perhaps deleted by another replica). */
export function findEntry(
  array: Y.Array<unknown>,
  id: string,
): { map: Entry; arrayIndex: number } | null {
  let arrayIndex = 0;
  for (const item of array) {
    if (item instanceof Y.Map && item.get(ID) === id) return { map: item as Entry, arrayIndex };
    arrayIndex++;
  }
  return null;
}

export function readEntryId(map: Entry): string | null {
  const id: unknown = map.get(ID);
  return typeof id === 'string' ? id : null;
}

/** A key that sorts at `index` among `sorted` (which must not contain the entry being placed). */
export function keyForIndex(sorted: readonly OrderedEntry[], index: number): string {
  const at = Math.max(0, Math.min(index, sorted.length));
  const lower = at > 0 ? (sorted[at - 1]?.key ?? null) : null;
  let upper: string | null = null;
  for (let j = at; j < sorted.length; j++) {
    const key = sorted[j]?.key ?? null;
    if (key !== null && (lower === null || key > lower)) {
      upper = key;
      break;
    }
  }
  // Keys written by another client may be malformed; each fallback still yields a usable key.
  const attempts: Array<[string | null, string | null]> = [
    [lower, upper],
    [lower, null],
    [null, upper],
    [null, null],
  ];
  for (const [a, b] of attempts) {
    try {
      return generateKeyBetween(a, b);
    } catch {
      // try the next, looser bound
    }
  }
  return generateKeyBetween(null, null);
}

/**
 * Inserts a new, empty entry at `index` of the sorted order and returns its map, already part of
 * the document so callers can fill it with nested types. Call inside a transaction.
 */
export function insertEntry(
  array: Y.Array<unknown>,
  id: string,
  index: number,
  sorted: readonly OrderedEntry[],
): Entry {
  const map = new Y.Map<unknown>();
  array.push([map]);
  map.set(ID, id);
  map.set(ORDER, keyForIndex(sorted, index));
  return map;
}

export function moveEntry(
  entry: Entry,
  toIndex: number,
  sortedWithoutEntry: readonly OrderedEntry[],
): void {
  entry.set(ORDER, keyForIndex(sortedWithoutEntry, toIndex));
}

export function deleteEntry(array: Y.Array<unknown>, id: string): boolean {
  const found = findEntry(array, id);
  if (found === null) return false;
  array.delete(found.arrayIndex, 1);
  return true;
}
