import { describe, expect, test } from 'vitest';
import { readTwoNodeConfig } from '../../bench/scenarios/two-node-config.ts';
import { persistQuantileMs } from '../../bench/servers/ours-metrics.ts';

const buckets = (entries: [number, number][]): Map<number, number> => new Map(entries);

describe('the topology figures of the benchmark', () => {
  test('the commit p99 counts only the window, sums the nodes, and interpolates inside its bucket', () => {
    const before = [
      buckets([
        [0.001, 100],
        [0.01, 100],
        [Infinity, 100],
      ]),
      buckets([
        [0.001, 0],
        [0.01, 0],
        [Infinity, 0],
      ]),
    ];
    // In the window: 50 + 49 rounds under 1 ms, 1 between 1 and 10 ms, over the two nodes.
    const after = [
      buckets([
        [0.001, 150],
        [0.01, 151],
        [Infinity, 151],
      ]),
      buckets([
        [0.001, 49],
        [0.01, 49],
        [Infinity, 49],
      ]),
    ];
    expect(persistQuantileMs(before, after, 0.5)).toEqual({
      ms: 0.5050505050505051,
      beyondLastBucket: false,
    });
    expect(persistQuantileMs(before, after, 1)!.ms).toBeCloseTo(10);
    expect(persistQuantileMs(before, before, 0.99)).toBeNull();
  });

  test('a quantile past the last finite bucket says so instead of passing for that bound', () => {
    const after = [
      buckets([
        [0.001, 0],
        [1, 1],
        [Infinity, 100],
      ]),
    ];
    expect(persistQuantileMs([new Map()], after, 0.99)).toEqual({
      ms: 1000,
      beyondLastBucket: true,
    });
  });

  test('topologies are chosen by name, none skips them, and a typo is refused with the names', () => {
    expect(readTwoNodeConfig({}).topologies).toEqual([
      'sqlite-1',
      'postgres-1',
      'postgres-2-split',
      'postgres-2-pinned',
    ]);
    expect(readTwoNodeConfig({ BENCH_TOPOLOGIES: 'none' }).topologies).toEqual([]);
    expect(readTwoNodeConfig({ BENCH_TOPOLOGIES: 'postgres-1, postgres-2-split' })).toEqual({
      topologies: ['postgres-1', 'postgres-2-split'],
      rooms: 10,
      clientsPerRoom: 10,
    });
    expect(() => readTwoNodeConfig({ BENCH_TOPOLOGIES: 'postgres-3' })).toThrow(
      /unknown topology "postgres-3"; use sqlite-1/,
    );
    expect(() => readTwoNodeConfig({ BENCH_TOPOLOGY_CLIENTS: '1' })).toThrow(
      /BENCH_TOPOLOGY_CLIENTS must be a whole number from 2/,
    );
  });
});
