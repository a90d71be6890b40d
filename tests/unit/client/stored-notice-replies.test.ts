import { describe, expect, test } from 'vitest';
import { StoredNoticeReplies } from '../../../client/sync/stored-notice-replies.ts';

const state = (clock: number): Map<number, number> => new Map([[7, clock]]);

describe("answering the relay's sync step 1", () => {
  test('the greeting is always answered, a stored notice only when the relay lacks what the device held at the one before', () => {
    const replies = new StoredNoticeReplies();
    replies.connected();
    // The greeting: the relay knows nothing of this device's 5 operations yet.
    expect(replies.shouldAnswer(state(0), () => state(5))).toBe(true);
    // A notice while keys are on their way (the device holds 8): what it held before, 5, is stored.
    expect(replies.shouldAnswer(state(5), () => state(8))).toBe(false);
    // The next notice shows 7 of the 8 held at the one before: something is not arriving.
    expect(replies.shouldAnswer(state(7), () => state(9))).toBe(true);
    expect(replies.shouldAnswer(state(9), () => state(9))).toBe(false);
  });

  test('a new socket starts with a greeting again', () => {
    const replies = new StoredNoticeReplies();
    replies.connected();
    expect(replies.shouldAnswer(state(0), () => state(3))).toBe(true);
    expect(replies.shouldAnswer(state(3), () => state(3))).toBe(false);
    replies.connected();
    // Deletions made offline move no state vector: the greeting is answered all the same.
    expect(replies.shouldAnswer(state(3), () => state(3))).toBe(true);
  });
});
