import { answerRequests, reportReady, type RequestHandlers } from '../answer-requests.ts';
import { loopDelayHandlers } from '../loop-delay.ts';

/** What every benchmarked server child tells the orchestrator about itself. */
export interface ServerControl {
  readonly port: number;
  /** Documents held in memory right now. */
  roomCount(): number;
  /** Stops gracefully (ours flushes and compacts); the child exits afterwards. */
  stop(): Promise<void>;
  /** Requests only some servers answer (ours: storedBytes). */
  readonly extra?: RequestHandlers;
}

/** Full collections until the heap stops shrinking; needs `--expose-gc`. */
async function collectGarbage(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('start the server child with --expose-gc');
  let heap = Number.POSITIVE_INFINITY;
  // Bounded: finalizers and weak refs can free more on a second or third pass, rarely later.
  for (let pass = 0; pass < 5; pass++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    const now = process.memoryUsage().heapUsed;
    if (now >= heap) break;
    heap = now;
  }
  return process.memoryUsage().heapUsed;
}

/**
 * CPU is measured here, inside the server's own process, so the load generators' CPU never
 * counts against the server (getrusage covers every thread: GC helpers and libuv's pool too).
 */
export function serveControl(control: ServerControl): void {
  answerRequests({
    cpu: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    },
    heap: () => collectGarbage(),
    rooms: () => control.roomCount(),
    stop: async () => {
      await control.stop();
      setImmediate(() => process.exit(0));
    },
    ...loopDelayHandlers(),
    ...control.extra,
  });
  reportReady({ port: control.port });
}
