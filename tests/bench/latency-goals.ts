import type { ServerResults } from './report.ts';
import type { ServerName } from './servers/kinds.ts';
import { formatNumber } from './stats.ts';

/**
 * The fan-out goals of issues 17 and 21, judged from one run: ours against the floor, the best
 * peer and Hocuspocus under the same load. A goal without the servers it needs reads "n/a".
 */
interface Goal {
  readonly name: string;
  readonly limit: number;
  readonly against: string;
  ratio(ours: ServerResults, all: readonly ServerResults[]): number | null;
}

const fanOut = (all: readonly ServerResults[], name: ServerName) => {
  const found = all.find((r) => r.name === name);
  return found?.fanOut.ok ? found.fanOut.value : null;
};

const divide = (mine: number | undefined, theirs: number | null | undefined): number | null =>
  mine === undefined ||
  theirs === null ||
  theirs === undefined ||
  !Number.isFinite(mine) ||
  !Number.isFinite(theirs) ||
  theirs <= 0
    ? null
    : mine / theirs;

const GOALS: readonly Goal[] = [
  {
    name: 'fan-out p50',
    limit: 1.5,
    against: 'the bare-ws floor',
    ratio: (ours, all) =>
      divide(ours.fanOut.ok ? ours.fanOut.value.p50Ms : undefined, fanOut(all, 'floor')?.p50Ms),
  },
  {
    name: 'fan-out p99',
    limit: 1,
    against: 'the best peer',
    ratio: (ours, all) => {
      const peers = (['@y/websocket-server', '@hocuspocus/server'] as const)
        .map((name) => fanOut(all, name)?.p99Ms)
        .filter((p99): p99 is number => p99 !== undefined);
      return divide(
        ours.fanOut.ok ? ours.fanOut.value.p99Ms : undefined,
        peers.length === 0 ? null : Math.min(...peers),
      );
    },
  },
  {
    name: 'server CPU per delivered update',
    limit: 0.8,
    against: 'Hocuspocus',
    ratio: (ours, all) =>
      divide(
        ours.fanOut.ok ? ours.fanOut.value.cpuMsPer1kDeliveries : undefined,
        fanOut(all, '@hocuspocus/server')?.cpuMsPer1kDeliveries,
      ),
  },
];

/** A Markdown table: each goal's ratio in this run, its limit, and whether it is met. */
export function renderLatencyGoals(all: readonly ServerResults[]): string {
  const ours = all.find((r) => r.name === 'ours');
  const rows = GOALS.map((goal) => {
    const ratio = ours === undefined ? null : goal.ratio(ours, all);
    const verdict = ratio === null ? 'n/a' : ratio <= goal.limit ? 'met' : 'not met';
    return `| ${goal.name}, ours ÷ ${goal.against} | ${ratio === null ? 'n/a' : `${formatNumber(ratio)}×`} | ≤ ${goal.limit}× | ${verdict} |`;
  });
  const table = ['| fan-out goal | this run | goal | |', '|---|--:|--:|---|', ...rows].join('\n');
  const bound = durableFloorBound(all);
  return bound === null ? table : `${table}\n\n${bound}`;
}

/**
 * When the durable floor ran: the least CPU a relay that stores every update before fan-out
 * needed here, against Hocuspocus's and ours, so the CPU goal reads against what is possible.
 */
export function durableFloorBound(all: readonly ServerResults[]): string | null {
  const bound = fanOut(all, 'floor-durable')?.cpuMsPer1kDeliveries;
  if (bound === undefined) return null;
  const ours = all.find((r) => r.name === 'ours');
  const againstHocuspocus = divide(bound, fanOut(all, '@hocuspocus/server')?.cpuMsPer1kDeliveries);
  const oursAgainstBound = divide(
    ours?.fanOut.ok ? ours.fanOut.value.cpuMsPer1kDeliveries : undefined,
    bound,
  );
  const ratio = (value: number | null) => (value === null ? 'n/a' : `${formatNumber(value)}×`);
  return (
    `The durable floor (each update applied to a Y.Doc and stored in SQLite before it is forwarded, nothing else) ` +
    `took ${formatNumber(bound)} ms of CPU per 1,000 deliveries: ${ratio(againstHocuspocus)} Hocuspocus's; ` +
    `ours took ${ratio(oursAgainstBound)} the durable floor's.`
  );
}
