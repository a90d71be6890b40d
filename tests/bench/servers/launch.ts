import { createDocumentIn, createWorkspace } from '../../support/test-server.ts';
import { startChild, type BenchChild } from '../child-processes.ts';
import type { RoomRef, Target } from '../load/clients.ts';
import { readProcessTreeRss } from '../process-tree.ts';
import { compileServerEntry, compileServerOnce } from './compile-entry.ts';
import type { ServerKind } from './kinds.ts';
import { readOursMetrics } from './ours-metrics.ts';

/** A benchmarked server running in its own process, seen from the orchestrator. */
export interface LaunchedServer {
  readonly kind: ServerKind;
  readonly child: BenchChild;
  readonly httpUrl: string;
  readonly target: Target;
  /** The server process's CPU time so far, user + system, in milliseconds. */
  cpuMs(): Promise<number>;
  /** Heap in use after full garbage collections. */
  heapBytes(): Promise<number>;
  /** Resident memory of the server's process and any it started. */
  treeRssBytes(): number;
  roomCount(): Promise<number>;
  /** Graceful stop (ours flushes and compacts every room), then waits for the process to end. */
  stop(): Promise<void>;
}

/**
 * --expose-gc lets the child collect fully before reading its heap. --no-flush-bytecode keeps V8
 * from dropping the bytecode of functions idle for a few collections, which would otherwise show
 * up as the heap shrinking between two measurements.
 */
const SERVER_NODE_FLAGS = ['--expose-gc', '--no-flush-bytecode'];
/**
 * Extra Node flags for the server children, space-separated, for looking inside a run:
 * BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=tests/bench/results/profiles". Profiles are
 * written when a server exits gracefully: at ours's cold-load restart and after each server's loads.
 */
const extraServerFlags = (): string[] =>
  (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);

let launches = 0;

export async function launchServer(kind: ServerKind, dataDir: string): Promise<LaunchedServer> {
  if (kind.createsRoomsOverRest) compileServerOnce();
  const entry = await compileServerEntry(kind.entry);
  const child = startChild(`server-${kind.name}-${++launches}`, entry, {
    env: { ...kind.env, BENCH_DATA_DIR: dataDir },
    execArgv: [...SERVER_NODE_FLAGS, ...extraServerFlags()],
  });
  try {
    const { port } = (await child.ready) as { port: number };
    const httpUrl = `http://127.0.0.1:${port}/`;
    return {
      kind,
      child,
      httpUrl,
      target: { protocol: kind.protocol, url: `ws://127.0.0.1:${port}${kind.syncPath}` },
      cpuMs: () => child.request<number>('cpu'),
      heapBytes: () => child.request<number>('heap'),
      treeRssBytes: () => readProcessTreeRss(child.pid),
      roomCount: () => child.request<number>('rooms'),
      stop: async () => {
        await child.request('stop', undefined, 60_000);
        await Promise.race([child.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        await child.kill();
      },
    };
  } catch (error) {
    await child.kill();
    throw error;
  }
}

/** Document creations in flight at once; SQLite serialises them anyway, this hides the round trips. */
const CREATE_CONCURRENCY = 8;

/**
 * `count` documents to use as rooms. Ours creates them as a person would, through the REST API,
 * and clients join with the editor token; the peers take any name.
 */
export async function prepareRooms(
  server: LaunchedServer,
  count: number,
  label: string,
): Promise<RoomRef[]> {
  if (!server.kind.createsRoomsOverRest)
    return Array.from({ length: count }, (_, i) => ({ name: `${label}-${i}` }));
  const workspace = await createWorkspace(server.httpUrl, `Benchmark ${label}`);
  const rooms: RoomRef[] = [];
  for (let i = 0; i < count; i += CREATE_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CREATE_CONCURRENCY, count - i) }, (_, j) =>
      createDocumentIn(server.httpUrl, workspace, { title: `${label} ${i + j}` }),
    );
    for (const id of await Promise.all(batch))
      rooms.push({ name: id, token: workspace.tokens.editor });
  }
  return rooms;
}

/**
 * Polls until the server holds no open room, failing after `timeoutMs`. The count comes over
 * IPC; for ours the answer is then confirmed by `pathways_rooms` on GET /metrics, as an operator
 * would read it. (Polling /metrics itself would skew ours: one scrape costs its process ~5 ms of CPU.)
 */
export async function waitForNoRooms(server: LaunchedServer, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (
      (await server.roomCount()) === 0 &&
      (!server.kind.createsRoomsOverRest || (await readOursMetrics(server.httpUrl)).openRooms === 0)
    )
      return;
    if (performance.now() > deadline)
      throw new Error(`${server.kind.name} still had open rooms after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
