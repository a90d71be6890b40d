import type { BenchConfig } from './config.ts';
import type { ColdLoadSummary } from './scenarios/cold-load.ts';
import type { FanOutSummary } from './scenarios/fan-out.ts';
import type { IdleMemorySummary } from './scenarios/idle-memory.ts';
import type { ServerName } from './servers/kinds.ts';
import { renderLatencyGoals } from './latency-goals.ts';
import { formatBytes, formatNumber } from './stats.ts';

/** A scenario's result, or why it has none. */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface ServerResults {
  readonly name: ServerName;
  readonly fanOut: Outcome<FanOutSummary>;
  readonly coldLoad: Outcome<ColdLoadSummary>;
  readonly idleMemory: Outcome<IdleMemorySummary>;
  /** Warnings and errors the server logged during the run. */
  readonly loggedProblems: number;
}

const PEERS: readonly ServerName[] = ['@y/websocket-server', '@hocuspocus/server'];

interface Column {
  readonly title: string;
  /** The number compared in ratio rows; null when the server has none. */
  value(results: ServerResults): number | null;
  /** The cell as shown; defaults to the formatted value. */
  cell?(results: ServerResults): string;
}

const valueOf = <T>(outcome: Outcome<T>, pick: (value: T) => number | null): number | null =>
  outcome.ok ? pick(outcome.value) : null;
/** The cell for a scenario without a value: its 'n/a (…)' reason, or 'failed'. */
const failed = (outcome: Outcome<unknown>): string | null =>
  outcome.ok ? null : outcome.error.startsWith('n/a') ? outcome.error : 'failed';

/** Per-document heap differences smaller than this are measurement noise (run-to-run ±1.5 KiB). */
const IDLE_HEAP_NOISE_BYTES = 2048;

function formatIdleHeap(idle: IdleMemorySummary): string {
  const perDocument = idle.heapBytesPerDocument;
  const shown =
    Math.abs(perDocument) < IDLE_HEAP_NOISE_BYTES
      ? `≈0 (${formatBytes(perDocument)})`
      : formatBytes(perDocument);
  return idle.evicts ? shown : `${shown} (keeps docs)`;
}

const COLUMNS: readonly Column[] = [
  { title: 'p50 ms', value: (r) => valueOf(r.fanOut, (v) => v.p50Ms) },
  { title: 'p99 ms', value: (r) => valueOf(r.fanOut, (v) => v.p99Ms) },
  {
    title: 'server CPU ms / 1k deliveries',
    value: (r) => valueOf(r.fanOut, (v) => v.cpuMsPer1kDeliveries),
  },
  {
    title: 'cold load from memory, ms',
    value: (r) => valueOf(r.coldLoad, (v) => v.fromMemoryMs),
    cell: (r) => failed(r.coldLoad) ?? formatNumber(valueOf(r.coldLoad, (v) => v.fromMemoryMs)!),
  },
  {
    title: 'reopened within grace, ms',
    value: (r) => valueOf(r.coldLoad, (v) => v.reopenedMs),
    cell: (r) =>
      failed(r.coldLoad) ??
      (r.coldLoad.ok && r.coldLoad.value.reopenedMs !== null
        ? formatNumber(r.coldLoad.value.reopenedMs)
        : 'n/a (no persistence)'),
  },
  {
    title: 'cold load after restart, ms',
    value: (r) => valueOf(r.coldLoad, (v) => v.afterRestartMs),
    cell: (r) =>
      failed(r.coldLoad) ??
      (r.coldLoad.ok && r.coldLoad.value.afterRestartMs !== null
        ? formatNumber(r.coldLoad.value.afterRestartMs)
        : 'n/a (no persistence)'),
  },
  {
    title: 'process tree RSS before any client',
    value: (r) => valueOf(r.idleMemory, (v) => v.treeRssBeforeClientsBytes),
    cell: (r) =>
      failed(r.idleMemory) ??
      (r.idleMemory.ok ? formatBytes(r.idleMemory.value.treeRssBeforeClientsBytes) : ''),
  },
  {
    title: 'idle heap per closed doc',
    // Below the noise (a few hundred KB of heap over the whole run) a ratio means nothing.
    value: (r) =>
      valueOf(r.idleMemory, (v) =>
        Math.abs(v.heapBytesPerDocument) < IDLE_HEAP_NOISE_BYTES ? null : v.heapBytesPerDocument,
      ),
    cell: (r) =>
      failed(r.idleMemory) ?? (r.idleMemory.ok ? formatIdleHeap(r.idleMemory.value) : ''),
  },
];

function ratioRow(
  label: string,
  ours: ServerResults | undefined,
  against: (column: Column) => number | null,
): string {
  const cells = COLUMNS.map((column) => {
    const mine = ours === undefined ? null : column.value(ours);
    const theirs = against(column);
    if (
      mine === null ||
      theirs === null ||
      !Number.isFinite(mine) ||
      !Number.isFinite(theirs) ||
      Math.abs(theirs) < 1e-9
    )
      return '—';
    return `${formatNumber(mine / theirs)}×`;
  });
  return `| ${label} | ${cells.join(' | ')} |`;
}

/** The headline table: one row per server, then ours against the best peer and the floor. */
export function renderSummaryTable(all: readonly ServerResults[]): string {
  const header = `| server | ${COLUMNS.map((column) => column.title).join(' | ')} |`;
  const rule = `|${'---|'.repeat(COLUMNS.length + 1)}`;
  const rows = all.map(
    (r) =>
      `| ${r.name} | ${COLUMNS.map((column) => column.cell?.(r) ?? (column.value(r) === null ? 'failed' : formatNumber(column.value(r)!))).join(' | ')} |`,
  );
  const ours = all.find((r) => r.name === 'ours');
  const bestPeer = (column: Column): number | null => {
    const values = all
      .filter((r) => PEERS.includes(r.name))
      .map((r) => column.value(r))
      .filter((v): v is number => v !== null && Number.isFinite(v));
    return values.length === 0 ? null : Math.min(...values);
  };
  const floor = all.find((r) => r.name === 'floor');
  return [
    header,
    rule,
    ...rows,
    ratioRow('ours ÷ best peer', ours, bestPeer),
    ratioRow('ours ÷ floor', ours, (column) => (floor === undefined ? null : column.value(floor))),
  ].join('\n');
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;
const delay = (d: { p99Ms: number; maxMs: number }): string =>
  `${formatNumber(d.p99Ms)} / ${formatNumber(d.maxMs)}`;

function renderFanOutDetails(all: readonly ServerResults[]): string {
  const lines = [
    "| server | clients | keystrokes | delivered / expected | p99 of a typical second, ms | worst second (p99 ms) | max ms | server CPU | server loop delay p99 / max ms | generator CPU | generator loop delay p99 / max ms | other processes' CPU | dropped connections | logged warnings+errors |",
    `|${'---|'.repeat(14)}`,
  ];
  const notes: string[] = [];
  for (const r of all) {
    if (!r.fanOut.ok) {
      lines.push(
        `| ${r.name} | failed: ${r.fanOut.error.replace(/\|/g, '/')} |${' |'.repeat(11)} ${r.loggedProblems} |`,
      );
      continue;
    }
    const v = r.fanOut.value;
    lines.push(
      `| ${r.name} | ${v.clients} | ${v.keystrokes} | ${v.deliveries} / ${v.expectedDeliveries} | ${formatNumber(v.medianSecondP99Ms)} | s${v.worstSecond.second} (${formatNumber(v.worstSecond.p99Ms)}) | ${formatNumber(v.maxMs)} | ${percent(v.serverCpuShare)} | ${delay(v.serverLoopDelay)} | ${v.generatorCpuShares.map(percent).join(', ')} | ${v.generatorLoopDelays.map(delay).join(', ')} | ${v.otherCpuShare === null ? 'n/a' : percent(v.otherCpuShare)} | ${v.drops} | ${r.loggedProblems} |`,
    );
    if (v.persist !== null) {
      notes.push(
        `${r.name}: ${v.persist.rounds.toLocaleString('en-US')} persistence rounds (store appends, awaited before fan-out) for ${v.keystrokes.toLocaleString('en-US')} keystrokes, ${formatNumber(v.persist.meanMs)} ms mean, ${v.persist.roundsOver10ms} over 10 ms.`,
      );
    }
  }
  return [
    ...lines,
    '',
    'CPU figures are shares of one core over the measured window (the machine has two).',
    ...notes.map((note) => `\n${note}`),
  ].join('\n');
}

function renderStorageDetails(all: readonly ServerResults[]): string {
  const lines = [
    '| server | history write ms | server loop delay p99 / max while writing, ms (compactions) | raw log (sum of updates) | snapshot (encodeStateAsUpdate) | stored (snapshot + log) | stored ÷ snapshot | SQLite file + WAL | first sync from storage, warm, ms |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of all) {
    if (!r.coldLoad.ok) {
      if (r.name !== 'floor')
        lines.push(`| ${r.name} | failed: ${r.coldLoad.error.replace(/\|/g, '/')} | | | | | | | |`);
      continue;
    }
    const v = r.coldLoad.value;
    const stored = v.storedBytes === null ? 'n/a' : formatBytes(v.storedBytes);
    const ratio =
      v.storedBytes === null ? 'n/a' : `${formatNumber(v.storedBytes / v.written.snapshotBytes)}×`;
    const file = v.sqliteFileBytes === null ? 'n/a' : formatBytes(v.sqliteFileBytes);
    const warm = v.fromStorageMs === null ? 'n/a' : formatNumber(v.fromStorageMs);
    const compactions = v.writeCompactions === null ? '' : ` (${v.writeCompactions})`;
    lines.push(
      `| ${r.name} | ${formatNumber(v.written.writeMs)} | ${delay(v.writeLoopDelay)}${compactions} | ${formatBytes(v.written.rawLogBytes)} | ${formatBytes(v.written.snapshotBytes)} | ${stored} | ${ratio} | ${file} | ${warm} |`,
    );
  }
  return lines.join('\n');
}

function renderFailures(all: readonly ServerResults[]): string[] {
  const failures: string[] = [];
  for (const r of all) {
    for (const [scenario, outcome] of [
      ['fan-out', r.fanOut],
      ['cold load', r.coldLoad],
      ['idle memory', r.idleMemory],
    ] as const) {
      if (!outcome.ok && !outcome.error.startsWith('n/a'))
        failures.push(`- ${r.name}, ${scenario}: ${outcome.error}`);
    }
  }
  return failures;
}

export function renderReport(
  all: readonly ServerResults[],
  config: BenchConfig,
  context: { startedAt: Date; elapsedMs: number },
): string {
  const failures = renderFailures(all);
  return [
    `# Sync relay benchmark, ${context.startedAt.toISOString()}`,
    '',
    `Node ${process.version}, ${context.elapsedMs > 0 ? `${Math.round(context.elapsedMs / 1000)} s` : ''}. Fan-out: ${config.rooms} rooms × ${config.clientsPerRoom} clients, ${config.typistsPerRoom} typists per room at ${config.keysPerSecond} keys/s for ${config.seconds} s, ${config.generators} load generator process(es). Cold load: ${config.historyUpdates.toLocaleString('en-US')} single-character updates, median of ${config.coldRepeats} first syncs. Idle memory: ${config.idleDocuments} documents opened and closed one after another.`,
    '',
    renderSummaryTable(all),
    '',
    renderLatencyGoals(all),
    '',
    'Latency runs from a typist\'s local insert to the end of each other client\'s transaction applying it, on one process clock, after an unmeasured warm-up. Deliveries are keystrokes × (clients − 1). "Best peer" is the lower of @y/websocket-server and @hocuspocus/server in each column; the floor relays frames without any CRDT work. Lower is better in every column, so a ratio under 1× favours ours. Cold-load figures are the client\'s wait: from creating a stock provider to the whole text applied (connect, upgrade, sync, apply), for a document with the stated history; "reopened within grace" is a client arriving just after the last one left (ours keeps the room for its grace period), "after restart" the first client of a fresh process. Idle heap is (heap after − heap before) / documents, after full collections, each document having had one short session; "keeps docs" marks a server that holds every document after its last client leaves.',
    '',
    '## Fan-out details',
    '',
    renderFanOutDetails(all),
    '',
    '## History and storage',
    '',
    renderStorageDetails(all),
    ...(failures.length > 0 ? ['', '## Failures', '', ...failures] : []),
    '',
  ].join('\n');
}
