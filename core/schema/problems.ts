/**
 * Readers never throw on a document that came over the wire. They return the value they could
 * read plus the problems they met, so a document from an old, buggy or hostile client still opens
 * and the problem is reported instead of hidden.
 */
export type ProblemCode =
  | 'missing'
  | 'wrong-type'
  | 'unknown-kind'
  | 'invalid-value'
  | 'duplicate-id'
  | 'dangling-reference'
  | 'newer-schema';

export interface Problem {
  /** Where in the document, e.g. `sections[2].rows[r1].cells[owner]`. */
  readonly path: string;
  readonly code: ProblemCode;
  readonly message: string;
}

export interface Read<T> {
  readonly value: T;
  readonly problems: readonly Problem[];
}

/** Outcome of a write: expected failures (the row was deleted by someone else, a bad value) are values. */
export type Applied = { readonly ok: true } | Failure;

export interface Failure {
  readonly ok: false;
  readonly reason: 'not-found' | 'invalid';
  readonly message: string;
}

export const applied: Applied = { ok: true };

export function notFound(message: string): Failure {
  return { ok: false, reason: 'not-found', message };
}

export function invalid(message: string): Failure {
  return { ok: false, reason: 'invalid', message };
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}
