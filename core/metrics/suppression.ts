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

/** What a percentage reads when one of its parts is not shown: it says why, not a count it is not. */
export const SUPPRESSED_TEXT = 'suppressed';

export function fewerThan(threshold: number): string {
  return `fewer than ${threshold}`;
}

function isSmall(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}

export function showCount(count: number | null, threshold: number): Shown {
  if (count === null) return { kind: 'empty' };
  return isSmall(count, threshold)
    ? { kind: 'suppressed', text: fewerThan(threshold) }
    : { kind: 'value', value: count };
}

/**
 * A rate is suppressed when its numerator, its denominator, or their difference is small: with
 * 50 referred and 96% offered, anyone can work out that 2 students were not offered services.
 */
export function showRate(
  numerator: number | null,
  denominator: number | null,
  threshold: number,
): Shown {
  const rate = computeRate(numerator, denominator);
  if (rate === null || numerator === null || denominator === null) return { kind: 'empty' };
  const revealing = [numerator, denominator, denominator - numerator].some((count) =>
    isSmall(count, threshold),
  );
  return revealing
    ? { kind: 'suppressed', text: fewerThan(threshold) }
    : { kind: 'value', value: rate };
}

/**
 * The stages of a funnel, each a subset of the one before: students referred ⊇ offered ⊇
 * initiated ⊇ active; providers in total ⊇ trained. Two shown counts of one funnel must never
 * differ by a small count (70 referred and 62 offered give away the 8 not offered).
 */
export const FUNNELS = [
  ['referred', 'offered', 'initiated', 'active'],
  ['providersTotal', 'providersTrained'],
] as const;

type FunnelKey = (typeof FUNNELS)[number][number];

/**
 * A row's counts as they may be shown, consistently: a small count reads "fewer than N", and a
 * count whose difference from the last shown stage before it is small reads "suppressed" (it is
 * not small itself). Stages only shrink, so shown counts of a funnel then differ pairwise by at
 * least the threshold, or by nothing.
 */
export function showFunnelCounts<K extends FunnelKey>(
  counts: Readonly<Record<K, number | null>>,
  threshold: number,
): Record<K, Shown> {
  const shown = {} as Record<K, Shown>;
  for (const funnel of FUNNELS) {
    let lastShown: number | null = null;
    for (const key of funnel as readonly FunnelKey[]) {
      if (!(key in counts)) continue;
      const count = counts[key as K];
      const own = showCount(count, threshold);
      if (
        own.kind === 'value' &&
        lastShown !== null &&
        isSmall(Math.abs(lastShown - own.value), threshold)
      ) {
        shown[key as K] = { kind: 'suppressed', text: SUPPRESSED_TEXT };
        continue;
      }
      shown[key as K] = own;
      if (own.kind === 'value') lastShown = own.value;
    }
  }
  return shown;
}

/** A rate of two shown counts: "suppressed" when either part is not shown or their difference is small. */
export function showFunnelRate(numerator: Shown, denominator: Shown, threshold: number): Shown {
  if (numerator.kind === 'empty' || denominator.kind === 'empty') return { kind: 'empty' };
  if (numerator.kind === 'suppressed' || denominator.kind === 'suppressed')
    return { kind: 'suppressed', text: SUPPRESSED_TEXT };
  const shown = showRate(numerator.value, denominator.value, threshold);
  return shown.kind === 'suppressed' ? { kind: 'suppressed', text: SUPPRESSED_TEXT } : shown;
}

/** A threshold as a district would type it: a whole number from 0 up; anything else is refused. */
export function parseThreshold(input: string): number | null {
  const trimmed = input.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return null;
  return Number(trimmed);
}
