import * as Y from 'yjs';
import {
  isColumnKind,
  type ChoiceOption,
  type Column,
  type ColumnSpec,
} from '../tables/column-kinds.ts';
import { createId } from './ids.ts';
import { insertEntry, readOrderedEntries, type Entry, type OrderedEntry } from './ordered-list.ts';
import { describeType, type Problem } from './problems.ts';

const KIND = 'kind';
const TITLE = 'title';
const HINT = 'hint';
/** Y.Array of {id, label}: concurrent additions of options by two people both survive. */
const OPTIONS = 'options';
/** Plain array of level names, fixed when the column is created. */
const SCALE = 'scale';
/** Set to true on a rating column when a new round of the rubric starts; absent means open. */
const CLOSED = 'closed';
/** Optional on text columns: how the text is entered (schema 3); see TextFormat. */
const FORMAT = 'format';
const NUMERATOR = 'numerator';
const DENOMINATOR = 'denominator';
/** Width in CSS pixels, set by resizing the column; added in schema 2, absent before (additive). */
const WIDTH = 'width';

/** The widths a stored column width is kept within: a checkbox still fits, a page still scrolls. */
export const COLUMN_WIDTH_RANGE = { min: 48, max: 1200 } as const;

/**
 * Column ids become parts of row keys (`columnId/participant` for ratings), so they must not
 * contain the separator.
 */
export const KEY_SEPARATOR = '/';

export function assertColumnId(id: string): void {
  if (id === '' || id.includes(KEY_SEPARATOR))
    throw new Error(`column id "${id}" must be non-empty and free of "${KEY_SEPARATOR}"`);
}

export function normalizeOptions(options: readonly (string | ChoiceOption)[]): ChoiceOption[] {
  // Only id and label: callers pass richer objects (repeat options carry their RRULE), and those extras do not belong in every document.
  return options.map((option) =>
    typeof option === 'string'
      ? { id: createId(), label: option }
      : { id: option.id, label: option.label },
  );
}

/** Writes a new column entry at `index`. Call inside a transaction. */
export function insertColumn(
  columns: Y.Array<unknown>,
  spec: ColumnSpec,
  index: number,
  sorted: readonly OrderedEntry[],
): Column {
  const id = spec.id ?? createId();
  assertColumnId(id);
  if (sorted.some((entry) => entry.id === id))
    throw new Error(`column id "${id}" is already used in this table`);
  const map = insertEntry(columns, id, index, sorted);
  map.set(KIND, spec.kind);
  map.set(TITLE, spec.title);
  map.set(HINT, spec.hint ?? '');
  const base = { id, title: spec.title, hint: spec.hint ?? '' };
  switch (spec.kind) {
    case 'choice':
    case 'multi-choice': {
      const options = normalizeOptions(spec.options);
      const array = new Y.Array<ChoiceOption>();
      map.set(OPTIONS, array);
      array.push(options);
      return { ...base, kind: spec.kind, options };
    }
    case 'rating':
      map.set(SCALE, [...spec.scale]);
      return { ...base, kind: 'rating', scale: spec.scale, closed: false };
    case 'rate':
      map.set(NUMERATOR, spec.numerator);
      map.set(DENOMINATOR, spec.denominator);
      return { ...base, kind: 'rate', numerator: spec.numerator, denominator: spec.denominator };
    default:
      if (spec.kind === 'text' && spec.format !== undefined) {
        map.set(FORMAT, spec.format);
        return { ...base, kind: spec.kind, format: spec.format };
      }
      return { ...base, kind: spec.kind };
  }
}

export function readColumns(columns: unknown, path: string, problems: Problem[]): Column[] {
  if (!(columns instanceof Y.Array)) {
    problems.push({
      path,
      code: columns === undefined ? 'missing' : 'wrong-type',
      message: `table columns should be a list, found ${describeType(columns)}`,
    });
    return [];
  }
  return readOrderedEntries(columns, path, problems).map((entry) =>
    readColumn(entry.id, entry.map, `${path}[${entry.id}]`, problems),
  );
}

export function readColumn(id: string, map: Entry, path: string, problems: Problem[]): Column {
  const kind: unknown = map.get(KIND);
  const title = readString(map, TITLE, path, problems);
  const hint = map.get(HINT);
  const width = readWidth(map.get(WIDTH), path, problems);
  const base = {
    id,
    title,
    hint: typeof hint === 'string' ? hint : '',
    ...(width !== null && { width }),
  };
  if (!isColumnKind(kind)) {
    problems.push({
      path: `${path}.kind`,
      code: 'unknown-kind',
      message: `column kind ${JSON.stringify(kind) ?? 'undefined'} is not known to this build; shown read-only`,
    });
    return { ...base, kind: 'unknown', rawKind: String(kind) };
  }
  switch (kind) {
    case 'choice':
    case 'multi-choice':
      return { ...base, kind, options: readOptions(map.get(OPTIONS), `${path}.options`, problems) };
    case 'rating': {
      const scale: unknown = map.get(SCALE);
      const closed = map.get(CLOSED) === true;
      if (
        Array.isArray(scale) &&
        scale.length > 0 &&
        scale.every((level) => typeof level === 'string')
      ) {
        return { ...base, kind, scale: scale as string[], closed };
      }
      problems.push({
        path: `${path}.scale`,
        code: 'invalid-value',
        message: 'rating scale should be a non-empty list of level names',
      });
      return { ...base, kind, scale: [], closed };
    }
    case 'rate':
      return {
        ...base,
        kind,
        numerator: readString(map, NUMERATOR, path, problems),
        denominator: readString(map, DENOMINATOR, path, problems),
      };
    case 'text':
      // An unknown format (from a newer build) leaves plain text, which every format is.
      return map.get(FORMAT) === 'time' ? { ...base, kind, format: 'time' } : { ...base, kind };
    default:
      return { ...base, kind };
  }
}

/** A stored width, or null when none is set; a value out of range or of the wrong type is reported and ignored. */
function readWidth(value: unknown, path: string, problems: Problem[]): number | null {
  if (value === undefined) return null;
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= COLUMN_WIDTH_RANGE.min &&
    value <= COLUMN_WIDTH_RANGE.max
  )
    return Math.round(value);
  problems.push({
    path: `${path}.width`,
    code: 'invalid-value',
    message: `column width should be a number of pixels from ${COLUMN_WIDTH_RANGE.min} to ${COLUMN_WIDTH_RANGE.max}; ignored`,
  });
  return null;
}

function readString(map: Entry, key: string, path: string, problems: Problem[]): string {
  const value: unknown = map.get(key);
  if (typeof value === 'string') return value;
  problems.push({
    path: `${path}.${key}`,
    code: value === undefined ? 'missing' : 'wrong-type',
    message: `${key} should be text, found ${describeType(value)}`,
  });
  return '';
}

function readOptions(options: unknown, path: string, problems: Problem[]): ChoiceOption[] {
  if (!(options instanceof Y.Array)) {
    problems.push({
      path,
      code: options === undefined ? 'missing' : 'wrong-type',
      message: `choice options should be a list, found ${describeType(options)}`,
    });
    return [];
  }
  const read: ChoiceOption[] = [];
  const seen = new Set<string>();
  for (const option of options.toArray() as unknown[]) {
    const { id, label } = (option ?? {}) as { id?: unknown; label?: unknown };
    if (typeof id !== 'string' || typeof label !== 'string') {
      problems.push({
        path,
        code: 'wrong-type',
        message: 'a choice option should have a text id and label; skipped',
      });
    } else if (!seen.has(id)) {
      seen.add(id);
      read.push({ id, label });
    }
  }
  return read;
}

export function closeRatingColumn(map: Entry): void {
  map.set(CLOSED, true);
}

/** Stores a column's width (clamped to COLUMN_WIDTH_RANGE), or clears it with null. */
export function writeColumnWidth(map: Entry, width: number | null): void {
  if (width === null) map.delete(WIDTH);
  else
    map.set(
      WIDTH,
      Math.round(Math.min(COLUMN_WIDTH_RANGE.max, Math.max(COLUMN_WIDTH_RANGE.min, width))),
    );
}

export function writeColumnTitle(map: Entry, title: string): void {
  map.set(TITLE, title);
}

/** Adds an option to a choice column; returns its id, or null if the column has no option list. */
export function appendOption(map: Entry, label: string): string | null {
  const options = map.get(OPTIONS);
  if (!(options instanceof Y.Array)) return null;
  const option: ChoiceOption = { id: createId(), label };
  options.push([option]);
  return option.id;
}
