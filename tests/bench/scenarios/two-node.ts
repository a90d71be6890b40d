import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, type BenchChild } from '../child-processes.ts';
import type { BenchConfig } from '../config.ts';
import type { TwoNodeResult, TwoNodeRoom } from '../load/two-node-fan-out.ts';
import { readProcessTreeCpuMs } from '../process-tree.ts';
import type { Outcome } from '../report.ts';
import type { LaunchedServer } from '../servers/launch.ts';
import { prepareRooms } from '../servers/launch.ts';
import {
  persistQuantileMs,
  readPersistBuckets,
  type HistogramQuantile,
} from '../servers/ours-metrics.ts';
import { launchNodes, startBackends, type BenchBackends } from '../servers/two-node-cluster.ts';
import { mergeSorted, quantile } from '../stats.ts';
import { TOPOLOGIES, type TopologyName, type TwoNodeConfig } from './two-node-config.ts';

export interface TopologySummary {
  readonly name: TopologyName;
  readonly nodes: number;
  readonly clients: number;
  readonly keystrokes: number;
  readonly expectedDeliveries: number;
  readonly deliveries: number;
  readonly sameNode: { readonly p50Ms: number; readonly p99Ms: number; readonly count: number };
  readonly crossNode: { readonly p50Ms: number; readonly p99Ms: number; readonly count: number };
  /** p99 of the nodes' store commits (persistence rounds) in the window, from their histograms. */
  readonly commitP99: HistogramQuantile | null;
  /** CPU in the measured window, ms: the relays together, Redis, and PostgreSQL (every backend). */
  readonly cpuMs: {
    readonly relays: number;
    readonly redis: number | null;
    readonly postgres: number | null;
  };
  readonly convergedRooms: number;
  readonly rooms: number;
  readonly drops: number;
}

const SETTLE_MS = 500;
const DRAIN_MS = 5000;
let databases = 0;

/** Which node each client of room `index` joins. */
function placeClients(name: TopologyName, index: number, clientsPerRoom: number): number[] {
  const { placement } = TOPOLOGIES[name];
  return Array.from({ length: clientsPerRoom }, (_, client) =>
    placement === 'split' ? client % 2 : placement === 'pinned' ? index % 2 : 0,
  );
}

async function runTopology(
  name: TopologyName,
  config: BenchConfig,
  twoNode: TwoNodeConfig,
  generators: readonly BenchChild[],
  backends: BenchBackends | null,
): Promise<TopologySummary> {
  const topology = TOPOLOGIES[name];
  if (topology.postgres && backends === null) throw new Error('PostgreSQL and Redis did not start');
  const dataDir = mkdtempSync(join(tmpdir(), 'pathways-topology-'));
  let nodes: LaunchedServer[] = [];
  try {
    const databaseUrl = topology.postgres
      ? await backends!.postgres.createDatabase(`bench_${++databases}`)
      : undefined;
    nodes = await launchNodes(topology.nodes, dataDir, {
      ...(databaseUrl !== undefined && { databaseUrl }),
      ...(topology.nodes > 1 && { redisUrl: backends!.redis.url }),
    });
    const rooms = await prepareRooms(nodes[0]!, twoNode.rooms, name);
    const layout: TwoNodeRoom[] = rooms.map((room, index) => ({
      room,
      clientNodes: placeClients(name, index, twoNode.clientsPerRoom),
    }));
    const targets = nodes.map((node) => node.target);
    // Rooms are dealt whole, so a typist and its readers share one generator's clock.
    const connected = await Promise.all(
      generators.map((generator, g) =>
        generator.request<{ clients: number }>(
          'two-node:connect',
          { targets, rooms: layout.filter((_, r) => r % generators.length === g) },
          120_000,
        ),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const typing = {
      typistsPerRoom: Math.min(config.typistsPerRoom, twoNode.clientsPerRoom),
      keysPerSecond: config.keysPerSecond,
      drainMs: DRAIN_MS,
    };
    const typeAll = (seconds: number): Promise<TwoNodeResult[]> =>
      Promise.all(
        generators.map((generator) =>
          generator.request<TwoNodeResult>(
            'two-node:type',
            { ...typing, seconds },
            seconds * 1000 + DRAIN_MS + 60_000,
          ),
        ),
      );
    await typeAll(Math.min(2, Math.max(1, config.seconds / 10)));

    const engineCpu = (): { redis: number | null; postgres: number | null } => ({
      redis: topology.nodes > 1 ? readProcessTreeCpuMs(backends!.redis.pid) : null,
      postgres: topology.postgres ? readProcessTreeCpuMs(backends!.postgres.pid) : null,
    });
    const bucketsBefore = await Promise.all(nodes.map((node) => readPersistBuckets(node.httpUrl)));
    const relaysBefore = await Promise.all(nodes.map((node) => node.cpuMs()));
    const enginesBefore = engineCpu();
    const results = await typeAll(config.seconds);
    const relaysAfter = await Promise.all(nodes.map((node) => node.cpuMs()));
    const enginesAfter = engineCpu();
    const bucketsAfter = await Promise.all(nodes.map((node) => readPersistBuckets(node.httpUrl)));

    const sameNode = mergeSorted(results.map((result) => result.sameNode));
    const crossNode = mergeSorted(results.map((result) => result.crossNode));
    const sum = (pick: (result: TwoNodeResult) => number): number =>
      results.reduce((total, result) => total + pick(result), 0);
    const delta = (after: number | null, before: number | null): number | null =>
      after === null || before === null ? null : after - before;
    return {
      name,
      nodes: nodes.length,
      clients: connected.reduce((total, share) => total + share.clients, 0),
      keystrokes: sum((result) => result.keystrokes),
      expectedDeliveries: sum((result) => result.expectedDeliveries),
      deliveries: sameNode.length + crossNode.length,
      sameNode: {
        p50Ms: quantile(sameNode, 0.5),
        p99Ms: quantile(sameNode, 0.99),
        count: sameNode.length,
      },
      crossNode: {
        p50Ms: quantile(crossNode, 0.5),
        p99Ms: quantile(crossNode, 0.99),
        count: crossNode.length,
      },
      commitP99: persistQuantileMs(bucketsBefore, bucketsAfter, 0.99),
      cpuMs: {
        relays: relaysAfter.reduce((total, after, i) => total + after - relaysBefore[i]!, 0),
        redis: delta(enginesAfter.redis, enginesBefore.redis),
        postgres: delta(enginesAfter.postgres, enginesBefore.postgres),
      },
      convergedRooms: sum((result) => result.convergedRooms),
      rooms: sum((result) => result.rooms),
      drops: sum((result) => result.drops),
    };
  } finally {
    await Promise.all(
      generators.map((generator) => generator.request('two-node:close').catch(() => {})),
    );
    await Promise.all(nodes.map((node) => node.stop().catch(() => node.child.kill())));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface TopologyResult {
  readonly name: TopologyName;
  readonly outcome: Outcome<TopologySummary>;
}

/**
 * Each chosen topology in turn under the same typing load (BENCH_SECONDS, BENCH_TYPISTS,
 * BENCH_KEYS_PER_SECOND) at its own smaller size, with generators of their own and one
 * PostgreSQL and one Redis shared by the topologies that use them (a fresh database each).
 */
export async function runTwoNodeTopologies(
  config: BenchConfig,
  twoNode: TwoNodeConfig,
  generatorEntry: string,
  attempt: <T>(what: string, run: () => Promise<T>) => Promise<Outcome<T>>,
): Promise<TopologyResult[]> {
  if (twoNode.topologies.length === 0) return [];
  const generators = Array.from({ length: config.generators }, (_, i) =>
    startChild(`generator-topologies-${i}`, generatorEntry),
  );
  let backends: BenchBackends | null = null;
  try {
    await Promise.all(generators.map((generator) => generator.ready));
    if (twoNode.topologies.some((name) => TOPOLOGIES[name].postgres)) {
      backends = await startBackends().catch((error: unknown) => {
        console.log(
          `  PostgreSQL and Redis could not start: ${error instanceof Error ? error.message : String(error)}`,
        );
        return null;
      });
    }
    const results: TopologyResult[] = [];
    for (const name of twoNode.topologies) {
      console.log(`topology ${name}`);
      results.push({
        name,
        outcome: await attempt('fan-out', () =>
          runTopology(name, config, twoNode, generators, backends),
        ),
      });
    }
    return results;
  } finally {
    await Promise.all(generators.map((generator) => generator.kill()));
    await backends?.stop();
  }
}
