import { describe, expect, test } from 'vitest';
import {
  MAX_PRESENCE_PER_SOCKET,
  mayShowPresence,
  PRESENCE_TAKEOVER_MS,
  PresenceOwners,
  type PresenceSpeaker,
} from '../../../sync-server/relay/presence-owners.ts';
import { jsonNestingExceeds } from '../../../sync-server/relay/protocol.ts';

function speaker(lastHeardAt = 0): PresenceSpeaker & { lastHeardAt: number } {
  return { lastHeardAt, awarenessClients: new Set<number>() };
}

describe('R20: who speaks for a presence', () => {
  test('the first socket to publish a client id owns it; another live socket may not speak for it', () => {
    let now = 0;
    const owners = new PresenceOwners(() => now);
    const ana = speaker();
    const mallory = speaker();
    expect(owners.claim(ana, 1)).toBe('own');
    now = 1_000;
    expect(owners.claim(mallory, 1)).toBe('foreign');
    expect(owners.ownerOf(1)).toBe(ana);
    expect(owners.claim(ana, 1)).toBe('own');
  });

  test('a socket silent for longer than the takeover time gives its id to the tab reconnecting', () => {
    let now = 0;
    const owners = new PresenceOwners(() => now);
    const before = speaker(0);
    const after = speaker(0);
    owners.claim(before, 7);
    now = PRESENCE_TAKEOVER_MS + 1;
    expect(owners.claim(after, 7)).toBe('own');
    expect(before.awarenessClients.has(7)).toBe(false);
    // The old socket leaving now removes nothing of the new one's.
    expect(owners.release(before)).toEqual([]);
    expect(owners.ownerOf(7)).toBe(after);
  });

  test(`a socket speaks for at most ${MAX_PRESENCE_PER_SOCKET} ids`, () => {
    const owners = new PresenceOwners(() => 0);
    const tabs = speaker();
    for (let id = 0; id < MAX_PRESENCE_PER_SOCKET; id++) expect(owners.claim(tabs, id)).toBe('own');
    expect(owners.claim(tabs, 99)).toBe('over-limit');
    expect(owners.ownerOf(99)).toBeUndefined();
  });

  test('a socket that leaves frees the ids it spoke for', () => {
    const owners = new PresenceOwners(() => 0);
    const ana = speaker();
    owners.claim(ana, 1);
    owners.claim(ana, 2);
    expect(owners.release(ana).sort()).toEqual([1, 2]);
    expect(owners.claim(speaker(), 1)).toBe('own');
  });
});

describe('presence nesting is measured on the text', () => {
  test.each([
    ['{}', 1, false],
    ['{"a":{"b":[1]}}', 3, false],
    ['{"a":{"b":[1]}}', 2, true],
    ['"[[[[[[[["', 1, false],
    ['{"a":"\\"[[[["}', 1, false],
    [`${'['.repeat(5000)}${']'.repeat(5000)}`, 16, true],
  ])('%s with at most %i levels exceeds: %s', (json, maxDepth, exceeds) => {
    expect(jsonNestingExceeds(json, maxDepth)).toBe(exceeds);
  });
});

describe('signed-in presence', () => {
  const pat = { accountId: 'acc-pat', accountName: 'Pat Lee' };
  test('a guest state with any name may be shown, from any socket', () => {
    expect(mayShowPresence({ user: { id: 'p-1', name: 'Pat Lee', color: '#1f5fa8' } }, {})).toBe(
      true,
    );
    expect(mayShowPresence(null, {})).toBe(true);
    expect(mayShowPresence({ cell: null }, pat)).toBe(true);
  });
  test("a state naming an account is shown only from that account's socket, with its name", () => {
    expect(mayShowPresence({ user: { name: 'Pat Lee', account: 'acc-pat' } }, pat)).toBe(true);
    expect(mayShowPresence({ user: { name: 'Pat Lee', account: 'acc-pat' } }, {})).toBe(false);
    expect(
      mayShowPresence(
        { user: { name: 'Pat Lee', account: 'acc-pat' } },
        { accountId: 'acc-sam', accountName: 'Pat Lee' },
      ),
    ).toBe(false);
    expect(mayShowPresence({ user: { name: 'The Principal', account: 'acc-pat' } }, pat)).toBe(
      false,
    );
    expect(mayShowPresence({ user: { name: 'Pat Lee', account: null } }, pat)).toBe(false);
  });
});
