import { describe, expect, test } from 'vitest';
import { nearLimitAnnouncement } from '../../../client/survey/near-limit.ts';

describe("an answer's length, announced near the limit", () => {
  test('says nothing while far from the limit', () => {
    expect(nearLimitAnnouncement(4000)).toBe('');
    expect(nearLimitAnnouncement(201)).toBe('');
  });

  test('speaks at steps, with the same words between them so the live region stays quiet', () => {
    expect(nearLimitAnnouncement(200)).toBe('200 or fewer characters left');
    expect(nearLimitAnnouncement(101)).toBe('200 or fewer characters left');
    expect(nearLimitAnnouncement(100)).toBe('100 or fewer characters left');
    expect(nearLimitAnnouncement(30)).toBe('50 or fewer characters left');
    expect(nearLimitAnnouncement(1)).toBe('10 or fewer characters left');
    const said = new Set(
      Array.from({ length: 200 }, (_, index) => nearLimitAnnouncement(index + 1)),
    );
    expect(said.size).toBe(5);
  });

  test('says when there is no room left and when the answer is over', () => {
    expect(nearLimitAnnouncement(0)).toBe('No characters left');
    expect(nearLimitAnnouncement(-1)).toBe('Over the character limit');
    expect(nearLimitAnnouncement(-900)).toBe('Over the character limit');
  });
});
