import type { BenchChild } from '../child-processes.ts';
import type { BenchConfig } from '../config.ts';
import type { RoomRef } from '../load/clients.ts';
import type { FanOutResult } from '../load/fan-out.ts';
import { readMachineBusyMs } from '../machine-load.ts';
import { prepareRooms, type LaunchedServer } from '../servers/launch.ts';
import { readOursMetrics, type OursMetrics } from '../servers/ours-metrics.ts';
import { median, mergeSorted, quantile, quantileBySecond } from '../stats.ts';

export interface FanOutSummary {
  readonly clients: number;
  readonly keystrokes: number;
  readonly expectedDeliveries: number;
  readonly deliveries: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Median over the window's seconds of each second's p99: the tail without one-off bursts. */
  readonly medianSecondP99Ms: number;
  /** The second (from the window's start) with the worst p99, and that p99. */
  readonly worstSecond: { readonly second: number; readonly p99Ms: number };
  readonly serverCpuMs: number;
  /** Server CPU per 1,000 expected deliveries (keystrokes × (clients − 1)). */
  readonly cpuMsPer1kDeliveries: number;
  /** Each generator's CPU as a share of one core over its typing window. */
  readonly generatorCpuShares: readonly number[];
  readonly serverCpuShare: number;
  readonly drops: number;
  readonly connectMs: number;
  /** How late the server's and each generator's event loop ran (p99, max) over the window. */
  readonly serverLoopDelay: LoopDelay;
  readonly generatorLoopDelays: readonly LoopDelay[];
  /** CPU taken by processes outside this benchmark over the window, as a share of one core. */
  readonly otherCpuShare: number | null;
  /** Ours only: persistence rounds in the window. */
  readonly persist: {
    readonly rounds: number;
    readonly meanMs: number;
    readonly roundsOver10ms: number;
  } | null;
}

export interface LoopDelay {
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Lets connection-time presence traffic die down before typing starts. */
const SETTLE_MS = 500;
const DRAIN_MS = 5000;
/**
 * Typing before the measured window, unmeasured: the first second or two run code V8 has not
 * optimised yet, in every process, and would otherwise dominate the p99. A tenth of the
 * measured time, between one and two seconds.
 */
const warmUpSeconds = (seconds: number): number => Math.min(2, Math.max(1, seconds / 10));

/** Many rooms typing at once; rooms are dealt whole to the generators. */
export async function runFanOut(
  server: LaunchedServer,
  config: BenchConfig,
  generators: readonly BenchChild[],
): Promise<FanOutSummary> {
  const rooms = await prepareRooms(server, config.rooms, 'fan-out');
  const shares: RoomRef[][] = generators.map(() => []);
  rooms.forEach((room, i) => shares[i % shares.length]!.push(room));
  try {
    const connected = await Promise.all(
      generators.map((generator, i) =>
        generator.request<{ clients: number; connectMs: number }>(
          'fan-out:connect',
          { target: server.target, rooms: shares[i], clientsPerRoom: config.clientsPerRoom },
          120_000,
        ),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const typing = {
      typistsPerRoom: config.typistsPerRoom,
      keysPerSecond: config.keysPerSecond,
      drainMs: DRAIN_MS,
    };
    const typeAll = (seconds: number): Promise<FanOutResult[]> =>
      Promise.all(
        generators.map((generator) =>
          generator.request<FanOutResult>(
            'fan-out:type',
            { ...typing, seconds },
            seconds * 1000 + DRAIN_MS + 60_000,
          ),
        ),
      );
    await typeAll(warmUpSeconds(config.seconds));

    const everyone = [server.child, ...generators];
    await Promise.all(everyone.map((child) => child.request('loop-delay:reset')));
    const oursBefore: OursMetrics | null = server.kind.createsRoomsOverRest
      ? await readOursMetrics(server.httpUrl)
      : null;
    const machineBefore = readMachineBusyMs();
    const selfBefore = process.cpuUsage();
    const cpuBefore = await server.cpuMs();
    const started = performance.now();
    const results = await typeAll(config.seconds);
    const serverCpuMs = (await server.cpuMs()) - cpuBefore;
    const wallMs = performance.now() - started;
    const self = process.cpuUsage(selfBefore);
    const machineAfter = readMachineBusyMs();
    const oursAfter: OursMetrics | null = server.kind.createsRoomsOverRest
      ? await readOursMetrics(server.httpUrl)
      : null;
    const [serverLoopDelay, ...generatorLoopDelays] = await Promise.all(
      everyone.map((child) => child.request<LoopDelay>('loop-delay')),
    );
    const latencies = mergeSorted(results.map((result) => result.latencies));
    const p99s = quantileBySecond(results, 0.99);
    const worst = p99s.reduce((w, p99, second) => (p99 > w.p99Ms ? { second, p99Ms: p99 } : w), {
      second: 0,
      p99Ms: Number.NEGATIVE_INFINITY,
    });
    const sum = (pick: (result: FanOutResult) => number): number =>
      results.reduce((total, result) => total + pick(result), 0);
    const expectedDeliveries = sum((result) => result.expectedDeliveries);
    return {
      clients: connected.reduce((total, share) => total + share.clients, 0),
      keystrokes: sum((result) => result.keystrokes),
      expectedDeliveries,
      deliveries: sum((result) => result.deliveries),
      p50Ms: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
      maxMs: quantile(latencies, 1),
      medianSecondP99Ms: median(p99s.filter((p99) => Number.isFinite(p99))),
      worstSecond: worst,
      serverCpuMs,
      cpuMsPer1kDeliveries: (serverCpuMs / expectedDeliveries) * 1000,
      generatorCpuShares: results.map((result) => result.generatorCpuMs / result.wallMs),
      serverCpuShare: serverCpuMs / wallMs,
      drops: sum((result) => result.drops),
      connectMs: Math.max(...connected.map((share) => share.connectMs)),
      serverLoopDelay: serverLoopDelay!,
      generatorLoopDelays,
      otherCpuShare:
        machineBefore === null || machineAfter === null
          ? null
          : Math.max(
              0,
              machineAfter -
                machineBefore -
                serverCpuMs -
                sum((result) => result.generatorCpuMs) -
                (self.user + self.system) / 1000,
            ) / wallMs,
      persist:
        oursBefore === null || oursAfter === null
          ? null
          : {
              rounds: oursAfter.persistRounds - oursBefore.persistRounds,
              meanMs:
                ((oursAfter.persistSeconds - oursBefore.persistSeconds) /
                  Math.max(1, oursAfter.persistRounds - oursBefore.persistRounds)) *
                1000,
              roundsOver10ms: oursAfter.persistRoundsOver10ms - oursBefore.persistRoundsOver10ms,
            },
    };
  } finally {
    await Promise.all(generators.map((generator) => generator.request('fan-out:close')));
  }
}
