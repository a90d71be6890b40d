import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseThreshold, showCount, showRate } from '../../../core/metrics/suppression.ts';

describe('small-cell suppression', () => {
  test('counts from 1 to threshold − 1 read "fewer than N"; zero and the threshold itself are shown', () => {
    expect(showCount(0, 10)).toEqual({ kind: 'value', value: 0 });
    expect(showCount(1, 10)).toEqual({ kind: 'suppressed', text: 'fewer than 10' });
    expect(showCount(9, 10)).toEqual({ kind: 'suppressed', text: 'fewer than 10' });
    expect(showCount(10, 10)).toEqual({ kind: 'value', value: 10 });
    expect(showCount(null, 10)).toEqual({ kind: 'empty' });
  });

  test('a rate is suppressed when its numerator, denominator or the difference would reveal a small group', () => {
    expect(showRate(30, 40, 10)).toEqual({ kind: 'value', value: 0.75 });
    expect(showRate(3, 40, 10).kind).toBe('suppressed');
    expect(showRate(48, 50, 10).kind).toBe('suppressed');
    expect(showRate(5, 5, 10).kind).toBe('suppressed');
    expect(showRate(0, 40, 10)).toEqual({ kind: 'value', value: 0 });
    expect(showRate(40, 40, 10)).toEqual({ kind: 'value', value: 1 });
    expect(showRate(1, 0, 10)).toEqual({ kind: 'empty' });
  });

  test('a threshold of 1 or 0 shows everything', () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.nat(1000),
        fc.constantFrom(0, 1),
        (numerator, denominator, threshold) => {
          expect(showCount(numerator, threshold).kind).toBe('value');
          expect(showRate(numerator, denominator, threshold).kind).not.toBe('suppressed');
        },
      ),
    );
  });

  test('no shown rate lets anyone recover a count below the threshold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 2, max: 20 }),
        fc.nat(500),
        (denominator, threshold, seed) => {
          const numerator = seed % (denominator + 1);
          const shown = showRate(numerator, denominator, threshold);
          if (shown.kind !== 'value') return;
          for (const recovered of [numerator, denominator, denominator - numerator])
            expect(recovered === 0 || recovered >= threshold).toBe(true);
        },
      ),
    );
  });

  test('a threshold must be a whole number a person typed', () => {
    expect(parseThreshold(' 10 ')).toBe(10);
    expect(parseThreshold('0')).toBe(0);
    expect(parseThreshold('-3')).toBeNull();
    expect(parseThreshold('7.5')).toBeNull();
    expect(parseThreshold('ten')).toBeNull();
  });
});
