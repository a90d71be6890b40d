import { describe, expect, test } from 'vitest';
import { durableFloorBound } from '../../bench/latency-goals.ts';
import type { ServerResults } from '../../bench/report.ts';
import type { FanOutSummary } from '../../bench/scenarios/fan-out.ts';
import type { ServerName } from '../../bench/servers/kinds.ts';

/** A server's results with only the CPU figure the bound reads. */
function ran(name: ServerName, cpuMsPer1kDeliveries: number): ServerResults {
  return {
    name,
    fanOut: { ok: true, value: { cpuMsPer1kDeliveries } as FanOutSummary },
    coldLoad: { ok: false, error: 'not run' },
    idleMemory: { ok: false, error: 'not run' },
    loggedProblems: 0,
  };
}

describe('the durable floor beside the CPU goal', () => {
  test('reads the bound against Hocuspocus and ours against the bound', () => {
    const line = durableFloorBound([
      ran('ours', 16.6),
      ran('@hocuspocus/server', 16.1),
      ran('floor-durable', 12.2),
    ]);
    expect(line).toContain('took 12.2 ms of CPU per 1,000 deliveries: 0.76× Hocuspocus');
    expect(line).toContain('ours took 1.36× the durable floor');
  });

  test('says nothing when the durable floor did not run, and n/a for a missing peer', () => {
    expect(durableFloorBound([ran('ours', 16.6), ran('@hocuspocus/server', 16.1)])).toBeNull();
    expect(durableFloorBound([ran('floor-durable', 12.2)])).toContain('n/a Hocuspocus');
  });
});
