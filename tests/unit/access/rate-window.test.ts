import { describe, expect, test } from 'vitest';
import { RateWindow } from '../../../sync-server/access/rate-window.ts';

describe('a sliding rate window', () => {
  test('takes up to the limit per key, refuses the next with the wait, and frees up as time passes', () => {
    let now = 1_000_000;
    const window = new RateWindow(3, 60_000, () => now);
    expect([window.take('a'), window.take('a'), window.take('a')].every((taken) => taken.ok)).toBe(
      true,
    );
    expect(window.take('a')).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(window.take('b').ok).toBe(true);
    now += 45_500;
    expect(window.take('a')).toEqual({ ok: false, retryAfterSeconds: 15 });
    now += 14_500;
    // A minute after the first three, all three have left the window.
    expect([window.take('a'), window.take('a'), window.take('a')].every((taken) => taken.ok)).toBe(
      true,
    );
    expect(window.take('a').ok).toBe(false);
  });

  test('a refused attempt does not count against the key', () => {
    let now = 0;
    const window = new RateWindow(1, 1_000, () => now);
    expect(window.take('a').ok).toBe(true);
    for (let attempt = 0; attempt < 10; attempt++) expect(window.take('a').ok).toBe(false);
    now = 1_000;
    expect(window.take('a').ok).toBe(true);
  });
});
