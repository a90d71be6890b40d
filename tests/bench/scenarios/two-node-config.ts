/** The topologies `npm run bench` runs after the single-server comparison, in this order. */
export const TOPOLOGY_NAMES = [
  'sqlite-1',
  'postgres-1',
  'postgres-2-split',
  'postgres-2-pinned',
] as const;
export type TopologyName = (typeof TOPOLOGY_NAMES)[number];

/** How each topology places nodes and clients. */
export const TOPOLOGIES: Readonly<
  Record<
    TopologyName,
    {
      readonly nodes: 1 | 2;
      readonly postgres: boolean;
      readonly placement: 'one-node' | 'split' | 'pinned';
      readonly description: string;
    }
  >
> = {
  'sqlite-1': {
    nodes: 1,
    postgres: false,
    placement: 'one-node',
    description: 'one node on SQLite',
  },
  'postgres-1': {
    nodes: 1,
    postgres: true,
    placement: 'one-node',
    description: 'one node on PostgreSQL',
  },
  'postgres-2-split': {
    nodes: 2,
    postgres: true,
    placement: 'split',
    description: "two nodes on PostgreSQL and Redis, each room's clients alternating between them",
  },
  'postgres-2-pinned': {
    nodes: 2,
    postgres: true,
    placement: 'pinned',
    description:
      'two nodes on PostgreSQL and Redis, each room wholly on one node (as a balancer hashing /sync/:doc would)',
  },
};

export interface TwoNodeConfig {
  readonly topologies: readonly TopologyName[];
  /** A load below saturation, so the figures show the cost of a second node, not of a full one. */
  readonly rooms: number;
  readonly clientsPerRoom: number;
}

function readCount(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/**
 * BENCH_TOPOLOGIES picks topologies by name (comma-separated; `none` skips them all), as
 * BENCH_SERVERS picks servers; BENCH_TOPOLOGY_ROOMS and BENCH_TOPOLOGY_CLIENTS size them.
 */
export function readTwoNodeConfig(
  env: Readonly<Record<string, string | undefined>>,
): TwoNodeConfig {
  const raw = env.BENCH_TOPOLOGIES ?? TOPOLOGY_NAMES.join(',');
  const names =
    raw.trim() === 'none'
      ? []
      : raw
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
  for (const name of names)
    if (!TOPOLOGY_NAMES.includes(name as TopologyName))
      throw new Error(
        `BENCH_TOPOLOGIES: unknown topology "${name}"; use ${TOPOLOGY_NAMES.join(', ')} or none`,
      );
  return {
    topologies: names as TopologyName[],
    rooms: readCount(env, 'BENCH_TOPOLOGY_ROOMS', 10, 1, 100),
    clientsPerRoom: readCount(env, 'BENCH_TOPOLOGY_CLIENTS', 10, 2, 100),
  };
}
