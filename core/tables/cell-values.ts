import type { ChoiceOption, Column } from './column-kinds.ts';

export interface RatingAnswer {
  /** Who answered: the participant's id (schema 3), or a display name in older documents. */
  readonly participant: string;
  /** Index into the column's scale (0 = first level, e.g. "Never"). */
  readonly level: number;
}

/** A cell as read from the document, by column kind. */
export type CellValue =
  /** `account`: the district account a person cell is linked to (schema 5), when it is. */
  | { readonly kind: 'text' | 'person'; readonly text: string; readonly account?: string }
  /** `iso` is set when the text is a calendar date (YYYY-MM-DD); otherwise the text is free, e.g. "Beginning of next semester". */
  | { readonly kind: 'date'; readonly iso: string | null; readonly text: string }
  | { readonly kind: 'minutes' | 'number'; readonly value: number | null }
  | { readonly kind: 'checkbox'; readonly checked: boolean }
  | { readonly kind: 'choice'; readonly optionId: string | null }
  | { readonly kind: 'multi-choice'; readonly optionIds: readonly string[] }
  | { readonly kind: 'rating'; readonly answers: readonly RatingAnswer[] }
  /** Computed, never stored: numerator ÷ denominator of the same row, null when either is missing or the denominator is 0. */
  | { readonly kind: 'rate'; readonly value: number | null }
  | { readonly kind: 'unknown' };

/** What a caller may write into a cell with `setCell`. Ratings and picks have their own writers. */
export type CellInput = string | number | boolean | null | readonly string[];

export type StoredScalar = string | number | boolean | null;

export type NormalizedInput =
  | { readonly ok: true; readonly value: StoredScalar | readonly string[] }
  | { readonly ok: false; readonly message: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD (2027-02-30 is not one). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

export function readDateText(text: string): CellValue & { kind: 'date' } {
  return { kind: 'date', iso: isIsoDate(text) ? text : null, text };
}

export function computeRate(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator <= 0) return null;
  return numerator / denominator;
}

function hasOption(options: readonly ChoiceOption[], id: string): boolean {
  return options.some((option) => option.id === id);
}

/**
 * Checks a value against its column and returns what to store, or a message a person can act on.
 * Dates accept free text on purpose: the toolkit's own example deadline is "Beginning of next semester".
 */
export function normalizeCellInput(column: Column, input: CellInput): NormalizedInput {
  const expected = (what: string): NormalizedInput => ({
    ok: false,
    message: `"${column.title}" expects ${what}`,
  });
  switch (column.kind) {
    case 'text':
    case 'person':
      return typeof input === 'string' ? { ok: true, value: input } : expected('text');
    case 'date':
      if (input === null) return { ok: true, value: null };
      return typeof input === 'string'
        ? { ok: true, value: input.trim() }
        : expected('a date (YYYY-MM-DD) or a short text');
    case 'minutes':
      if (input === null) return { ok: true, value: null };
      return typeof input === 'number' &&
        Number.isInteger(input) &&
        input >= 0 &&
        input <= 24 * 60 * 7
        ? { ok: true, value: input }
        : expected('a whole number of minutes, 0 or more');
    case 'number':
      if (input === null) return { ok: true, value: null };
      return typeof input === 'number' && Number.isFinite(input)
        ? { ok: true, value: input }
        : expected('a number');
    case 'checkbox':
      return typeof input === 'boolean'
        ? { ok: true, value: input }
        : expected('checked or unchecked');
    case 'choice':
      if (input === null) return { ok: true, value: null };
      return typeof input === 'string' && hasOption(column.options, input)
        ? { ok: true, value: input }
        : expected(`one of: ${column.options.map((o) => o.label).join(', ')}`);
    case 'multi-choice':
      return Array.isArray(input) &&
        input.every((id) => typeof id === 'string' && hasOption(column.options, id))
        ? { ok: true, value: [...new Set(input as readonly string[])] }
        : expected(`any of: ${column.options.map((o) => o.label).join(', ')}`);
    case 'rating':
      return expected('one answer per participant; use setRating');
    case 'rate':
      return expected('nothing: it is computed from other columns');
    case 'unknown':
      return expected('nothing from this version of Pathways: its kind is newer');
  }
}
