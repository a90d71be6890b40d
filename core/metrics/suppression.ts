import { computeRate } from '../tables/cell-values.ts';

/**
 * Small-cell suppression: a count of fewer than `threshold` students, or a rate computed from such
 * a count, is shown as "fewer than N" wherever the audience is wider than the team (exports,
 * viewer links), so that a small group of students cannot be singled out.
 *
 * Zero is shown: it identifies nobody. A threshold of 1 or less turns suppression off.
 */
export type Shown =
  | { readonly kind: 'empty' }
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'suppressed'; readonly text: string };

export const DEFAULT_SMALL_CELL_THRESHOLD = 10;

export function fewerThan(threshold: number): string {
  return `fewer than ${threshold}`;
}

function isSmall(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}

export function showCount(count: number | null, threshold: number): Shown {
  if (count === null) return { kind: 'empty' };
  return isSmall(count, threshold) ? { kind: 'suppressed', text: fewerThan(threshold) } : { kind: 'value', value: count };
}

/**
 * A rate is suppressed when its numerator, its denominator, or their difference is small: with
 * 50 referred and 96% offered, anyone can work out that 2 students were not offered services.
 */
export function showRate(numerator: number | null, denominator: number | null, threshold: number): Shown {
  const rate = computeRate(numerator, denominator);
  if (rate === null || numerator === null || denominator === null) return { kind: 'empty' };
  const revealing = [numerator, denominator, denominator - numerator].some((count) => isSmall(count, threshold));
  return revealing ? { kind: 'suppressed', text: fewerThan(threshold) } : { kind: 'value', value: rate };
}

/** A threshold as a district would type it: a whole number from 0 up; anything else is refused. */
export function parseThreshold(input: string): number | null {
  const trimmed = input.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return null;
  return Number(trimmed);
}
