import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, type BenchChild } from '../child-processes.ts';
import { measureCompactionHold, type CompactionHoldSummary } from '../compaction-hold.ts';
import type { BenchConfig } from '../config.ts';
import type { RoomRef } from '../load/clients.ts';
import type { FanOutResult } from '../load/fan-out.ts';
import { SERVER_KINDS } from '../servers/kinds.ts';
import { launchServer, prepareRooms, type LaunchedServer } from '../servers/launch.ts';
import { readOursMetrics } from '../servers/ours-metrics.ts';
import { mergeSorted, quantile } from '../stats.ts';
import type { LoopDelay } from './fan-out.ts';

/** The server's event-loop delay over one phase, and the compactions it held. */
export interface PhaseDelay extends LoopDelay {
  /** The main thread's event-loop utilisation over the phase (loop-delay.ts). */
  readonly busyShare: number;
  readonly compactions: number;
  readonly ms: number;
}

export interface HousekeepingRun {
  /** 'on the loop' (PATHWAYS_COMPACT_OFF_LOOP_MIN_BYTES=off, as before R28) or 'worker'. */
  readonly mode: 'on the loop' | 'worker';
  /** Fan-out in the other rooms over every phase. */
  readonly fanOut: { readonly p50Ms: number; readonly p99Ms: number; readonly deliveries: number };
  readonly quiet: PhaseDelay;
  /** A fresh client's wait for the large document, its room loading from storage. */
  readonly firstLoad: PhaseDelay;
  readonly compacting: PhaseDelay;
  /** Last client gone: grace period, closing compaction and the "Session ended" version. */
  readonly sessionEnd: PhaseDelay;
  readonly storedBytes: number;
}

export interface HousekeepingSummary {
  readonly historyUpdates: number;
  readonly compactUpdates: number;
  readonly fanOutRooms: number;
  readonly clientsPerRoom: number;
  readonly runs: readonly HousekeepingRun[];
  /** The same document's compaction and session end alone, in the orchestrator, without the load. */
  readonly hold: CompactionHoldSummary;
}

/** Updates written while the room is open in the measured "compacting" phase: three compactions' worth. */
const COMPACT_UPDATES = 3000;
const QUIET_MS = 3000;
const TYPING_SLICE_SECONDS = 3;

async function versionCount(server: LaunchedServer, room: RoomRef): Promise<number> {
  const response = await fetch(new URL(`/api/documents/${room.name}/versions`, server.httpUrl), {
    headers: { authorization: `Bearer ${room.token}` },
  });
  return ((await response.json()) as unknown[]).length;
}

/** Measures one phase: resets the server's loop-delay histogram, runs `work`, reads it back. */
async function phase(server: LaunchedServer, work: () => Promise<unknown>): Promise<PhaseDelay> {
  const before = (await readOursMetrics(server.httpUrl)).compactions;
  await server.child.request('loop-delay:reset');
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  const delay = await server.child.request<LoopDelay & { busyShare: number }>('loop-delay');
  return {
    ...delay,
    ms,
    compactions: (await readOursMetrics(server.httpUrl)).compactions - before,
  };
}

async function runOnce(
  mode: HousekeepingRun['mode'],
  config: BenchConfig,
  fanOutRooms: number,
  generators: readonly BenchChild[],
): Promise<HousekeepingRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pathways-housekeeping-'));
  const kind = {
    ...SERVER_KINDS.ours,
    env: {
      ...SERVER_KINDS.ours.env,
      ...(mode === 'on the loop' && { PATHWAYS_COMPACT_OFF_LOOP_MIN_BYTES: 'off' }),
    },
  };
  const server = await launchServer(kind, dataDir);
  const [typing, writing] = [generators[0]!, generators[1] ?? generators[0]!];
  try {
    const [big] = await prepareRooms(server, 1, 'housekeeping-large');
    const rooms = await prepareRooms(server, fanOutRooms, 'housekeeping-fan-out');
    // The large document's history, unmeasured; then its first session ends.
    await writing.request('housekeeping:join', { target: server.target, room: big }, 120_000);
    await writing.request(
      'housekeeping:write',
      { updates: config.historyUpdates, paced: false },
      300_000,
    );
    const sessionEnded = async (): Promise<void> => {
      const versions = await versionCount(server, big!);
      await writing.request('housekeeping:leave');
      const deadline = performance.now() + 60_000;
      while ((await versionCount(server, big!)) === versions) {
        if (performance.now() > deadline)
          throw new Error("the large document's session did not end within 60 s");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await sessionEnded();

    await typing.request(
      'fan-out:connect',
      { target: server.target, rooms, clientsPerRoom: config.clientsPerRoom },
      120_000,
    );
    let phasesDone = false;
    const slices: FanOutResult[] = [];
    const typingLoop = (async () => {
      while (!phasesDone) {
        slices.push(
          await typing.request<FanOutResult>(
            'fan-out:type',
            {
              typistsPerRoom: config.typistsPerRoom,
              keysPerSecond: config.keysPerSecond,
              seconds: TYPING_SLICE_SECONDS,
              drainMs: 2000,
            },
            60_000,
          ),
        );
      }
    })();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000)); // typing warms up
      const quiet = await phase(
        server,
        () => new Promise((resolve) => setTimeout(resolve, QUIET_MS)),
      );
      const firstLoad = await phase(server, () =>
        writing.request('housekeeping:join', { target: server.target, room: big }, 120_000),
      );
      const compacting = await phase(server, () =>
        writing.request('housekeeping:write', { updates: COMPACT_UPDATES, paced: true }, 300_000),
      );
      const sessionEnd = await phase(server, sessionEnded);
      phasesDone = true;
      await typingLoop;
      const latencies = mergeSorted(slices.map((slice) => slice.latencies));
      const storedBytes = await server.child.request<number>('storedBytes', {
        documentId: big!.name,
      });
      return {
        mode,
        fanOut: {
          p50Ms: quantile(latencies, 0.5),
          p99Ms: quantile(latencies, 0.99),
          deliveries: latencies.length,
        },
        quiet,
        firstLoad,
        compacting,
        sessionEnd,
        storedBytes,
      };
    } finally {
      phasesDone = true;
      await typingLoop.catch(() => {});
    }
  } finally {
    await typing.request('fan-out:close').catch(() => {});
    await writing.request('housekeeping:leave').catch(() => {});
    await server.stop().catch(() => {});
    await server.child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Housekeeping under load (issue 21): a large, fragmented document (the cold-load history's
 * size, written at scattered places) loads, compacts while edited and ends its session, while
 * other rooms type; the server's event-loop delay is read per phase. Run twice, on fresh data:
 * compaction on the loop (as before R28) and in the worker, so the two compare within one run.
 */
export async function runHousekeeping(
  config: BenchConfig,
  generatorEntry: string,
): Promise<HousekeepingSummary> {
  const fanOutRooms = Math.max(1, Math.min(10, Math.floor(config.rooms / 2)));
  const generators = [
    startChild('generator-housekeeping-0', generatorEntry),
    startChild('generator-housekeeping-1', generatorEntry),
  ];
  try {
    await Promise.all(generators.map((generator) => generator.ready));
    const runs: HousekeepingRun[] = [];
    for (const mode of ['on the loop', 'worker'] as const)
      runs.push(await runOnce(mode, config, fanOutRooms, generators));
    await Promise.all(generators.map((generator) => generator.kill()));
    const hold = await measureCompactionHold(config.historyUpdates);
    return {
      historyUpdates: config.historyUpdates,
      compactUpdates: COMPACT_UPDATES,
      fanOutRooms,
      clientsPerRoom: config.clientsPerRoom,
      runs,
      hold,
    };
  } finally {
    await Promise.all(generators.map((generator) => generator.kill()));
  }
}
