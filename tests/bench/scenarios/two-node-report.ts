import type { BenchConfig } from '../config.ts';
import { formatNumber } from '../stats.ts';
import type { TopologyResult, TopologySummary } from './two-node.ts';
import { TOPOLOGIES, type TwoNodeConfig } from './two-node-config.ts';

const ms = (value: number | null): string =>
  value === null || !Number.isFinite(value) ? 'n/a' : formatNumber(value);
const pair = (p50: number, p99: number): string =>
  Number.isFinite(p50) ? `${ms(p50)} / ${ms(p99)}` : 'n/a';
const per1k = (cpuMs: number | null, deliveries: number): string =>
  cpuMs === null ? '—' : formatNumber((cpuMs / Math.max(1, deliveries)) * 1000);

function totalCpu(v: TopologySummary): number {
  return v.cpuMs.relays + (v.cpuMs.redis ?? 0) + (v.cpuMs.postgres ?? 0);
}

/** The goal of issue 17: cross-node p99 at most twice one PostgreSQL node's p99. */
function goalLine(results: readonly TopologyResult[]): string | null {
  const single = results.find((r) => r.name === 'postgres-1')?.outcome;
  const split = results.find((r) => r.name === 'postgres-2-split')?.outcome;
  if (!single?.ok || !split?.ok || !Number.isFinite(split.value.crossNode.p99Ms)) return null;
  const ratio = split.value.crossNode.p99Ms / single.value.sameNode.p99Ms;
  return `Cross-node p99 (postgres-2-split) ÷ single-node p99 (postgres-1): ${formatNumber(split.value.crossNode.p99Ms)} ÷ ${formatNumber(single.value.sameNode.p99Ms)} ms = ${formatNumber(ratio)}× (goal ≤ 2×).`;
}

/** The topologies' section of the benchmark report. */
export function renderTopologies(
  results: readonly TopologyResult[],
  config: BenchConfig,
  twoNode: TwoNodeConfig,
): string {
  const lines = [
    '## Topologies: one node and two',
    '',
    `${twoNode.rooms} rooms × ${twoNode.clientsPerRoom} stock clients, ${Math.min(config.typistsPerRoom, twoNode.clientsPerRoom)} typists per room at ${config.keysPerSecond} keys/s for ${config.seconds} s, compiled Pathways nodes; PostgreSQL and Redis private to the run (PostgreSQL with fsync off, as in the tests).`,
    '',
    '| topology | delivered / expected | rooms converged | same-node p50 / p99 ms | cross-node p50 / p99 ms | store commit p99 ms | CPU ms / 1k deliveries: relays | Redis | PostgreSQL | total | dropped connections |',
    `|${'---|'.repeat(11)}`,
  ];
  for (const { name, outcome } of results) {
    if (!outcome.ok) {
      lines.push(`| ${name} | failed: ${outcome.error.replace(/\|/g, '/')} |${' |'.repeat(9)}`);
      continue;
    }
    const v = outcome.value;
    lines.push(
      `| ${name} | ${v.deliveries} / ${v.expectedDeliveries} | ${v.convergedRooms} / ${v.rooms} | ${pair(v.sameNode.p50Ms, v.sameNode.p99Ms)} | ${pair(v.crossNode.p50Ms, v.crossNode.p99Ms)} | ${v.commitP99 === null ? 'n/a' : `${v.commitP99.beyondLastBucket ? '> ' : ''}${ms(v.commitP99.ms)}`} | ${per1k(v.cpuMs.relays, v.expectedDeliveries)} | ${per1k(v.cpuMs.redis, v.expectedDeliveries)} | ${per1k(v.cpuMs.postgres, v.expectedDeliveries)} | ${per1k(totalCpu(v), v.expectedDeliveries)} | ${v.drops} |`,
    );
  }
  const goal = goalLine(results);
  return [
    ...lines,
    '',
    ...results.map(({ name }) => `- ${name}: ${TOPOLOGIES[name].description}.`),
    '',
    'Same-node: typist and reader joined the same relay; cross-node: the update crossed Redis to the other one. "Rooms converged": every client of the room holds the same state vector after the drain. Store commit p99 is interpolated in the persistence histogram\'s buckets, as Prometheus does. CPU is per expected delivery, relays summed, Redis and every PostgreSQL process (backends included) read from /proc.',
    ...(goal === null ? [] : ['', goal]),
  ].join('\n');
}
