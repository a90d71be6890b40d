import { describe, expect, test } from 'vitest';
import {
  estimateClockOffset,
  type ClockSources,
} from '../../../client/facilitation/shared-clock.ts';

const DEVICE_START = Date.parse('2026-03-02T09:00:00.000Z');

/**
 * A device whose clock reads `deviceMs` and a server `aheadMs` ahead of it, each answer taking
 * the next of `roundTripsMs`; waiting moves the device's clock on instead of sleeping.
 */
function sources(
  aheadMs: number,
  roundTripsMs: number[],
  options: { offline?: boolean; noHeader?: boolean } = {},
): ClockSources & { asked: number } {
  let deviceMs = DEVICE_START;
  const world = {
    asked: 0,
    now: () => deviceMs,
    async readServerDate() {
      world.asked++;
      if (options.offline === true) throw new TypeError('Failed to fetch');
      const roundTrip = roundTripsMs.shift() ?? 100;
      // The server reads its clock halfway through the round trip; the header has whole seconds.
      const serverMs = deviceMs + roundTrip / 2 + aheadMs;
      deviceMs += roundTrip;
      return options.noHeader === true
        ? null
        : new Date(Math.floor(serverMs / 1000) * 1000).toUTCString();
    },
    async wait(ms: number) {
      deviceMs += ms;
    },
  };
  return world;
}

describe("the agenda timer's shared clock", () => {
  test('counts from the server when this device is minutes off, within a second', async () => {
    for (const aheadMs of [5 * 60_000, -7 * 60_000]) {
      const offset = await estimateClockOffset(sources(aheadMs, [200]));
      expect(Math.abs(offset - aheadMs)).toBeLessThanOrEqual(1000);
    }
  });

  test('keeps the device clock when it is within two seconds, where the estimate would add error', async () => {
    expect(await estimateClockOffset(sources(1500, [100]))).toBe(0);
    expect(await estimateClockOffset(sources(-1200, [100]))).toBe(0);
  });

  test('does not trust a slow answer: it asks again, and gives up after three', async () => {
    const slowThenQuick = sources(60_000, [4000, 2500, 150]);
    expect(Math.abs((await estimateClockOffset(slowThenQuick)) - 60_000)).toBeLessThanOrEqual(1000);
    expect(slowThenQuick.asked).toBe(3);
    const alwaysSlow = sources(60_000, [4000, 4000, 4000, 100]);
    expect(await estimateClockOffset(alwaysSlow)).toBe(0);
    expect(alwaysSlow.asked).toBe(3);
  });

  test('offline, or with no Date header, the device clock is used as is', async () => {
    const offline = sources(60_000, [], { offline: true });
    expect(await estimateClockOffset(offline)).toBe(0);
    expect(offline.asked).toBe(1);
    expect(await estimateClockOffset(sources(60_000, [], { noHeader: true }))).toBe(0);
  });
});
