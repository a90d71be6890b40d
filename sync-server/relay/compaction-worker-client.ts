import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MergeReply, MergeRequest, WorkerRequest } from './compaction-messages.ts';

/** What a merge gives back: the snapshot, and its "Session ended" version id when asked for. */
export interface Merged {
  readonly snapshot: Uint8Array;
  readonly versionId: string | null;
  readonly skipped: readonly { readonly index: number; readonly message: string }[];
}

/** The worker does not hold the document through the base asked for: send everything instead. */
export class MissingBaseError extends Error {}

/**
 * Documents whose stored bytes (snapshot plus log) are below this are compacted on the event
 * loop: encoding one that small costs the loop about what reading its log and posting it to the
 * worker would (tests/bench/README.md, "Relay settings"), so below this the worker saves nothing.
 */
export const DEFAULT_OFF_LOOP_MIN_BYTES = 64 * 1024;
/** A merge not answered by then counts as a hung worker: it is ended and a fresh one started. */
export const DEFAULT_MERGE_TIMEOUT_MS = 10_000;

export interface CompactionWorkerOptions {
  /** The worker's entry; the compiled or TypeScript compaction-worker next to this module by default. */
  readonly entry?: URL;
  readonly timeoutMs?: number;
}

interface Pending {
  readonly resolve: (merged: Merged) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The worker's entry: compiled, it sits in dist/server/ beside main.js (scripts/build-server.mjs),
 * while this module may be bundled into dist/server/chunks/; from TypeScript (tests, tsx) it is
 * the .ts file beside this one, loaded through tsx's loader.
 */
function defaultEntry(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./compaction-worker.ts', here);
  const beside = new URL('./compaction-worker.js', here);
  return existsSync(beside) ? beside : new URL('../compaction-worker.js', here);
}

/** tsx's ESM API, found from this module (a worker evaluates code relative to the working directory). */
function tsxLoaderUrl(): string {
  return pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
}

/**
 * One worker thread that merges documents' stored bytes into snapshots (R28), started on first
 * use and started again after it crashes, hangs or is ended. It keeps the process alive only
 * while a merge is waiting, so it never holds up an exit. Every failure rejects the waiting
 * merges; the caller falls back to the event loop or retries, and storage is left as it was.
 */
export class CompactionWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly entry: URL;
  private readonly timeoutMs: number;
  /** Workers started so far (a restart after a crash or a hang counts). */
  started = 0;

  constructor(options: CompactionWorkerOptions = {}) {
    this.entry = options.entry ?? defaultEntry();
    this.timeoutMs = options.timeoutMs ?? DEFAULT_MERGE_TIMEOUT_MS;
  }

  /** Merges sent and not answered yet. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Merges `parts` into one snapshot in the worker; see MergeRequest. */
  merge(request: Omit<MergeRequest, 'kind' | 'id'>): Promise<Merged> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Merged>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.fail(
            worker,
            new Error(`the compaction worker did not answer within ${this.timeoutMs} ms`),
          ),
        this.timeoutMs,
      );
      this.pending.set(id, { resolve, reject, timer });
      worker.ref();
      const { parts, ...rest } = request;
      const packed = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
      let offset = 0;
      for (const part of parts) {
        packed.set(part, offset);
        offset += part.byteLength;
      }
      const message: WorkerRequest = {
        kind: 'merge',
        id,
        ...rest,
        packed,
        partLengths: parts.map((part) => part.byteLength),
      };
      worker.postMessage(message, [packed.buffer]);
    });
  }

  /** Drops the document the worker keeps as `keptAs`; nothing to do when no worker runs. */
  forget(keptAs: string): void {
    const message: WorkerRequest = { kind: 'forget', keptAs };
    this.worker?.postMessage(message);
  }

  /** Ends the worker; waiting merges are rejected. The next merge starts a fresh one. */
  async terminate(): Promise<void> {
    const worker = this.worker;
    if (worker === null) return;
    this.fail(worker, new Error('the compaction worker was ended'));
    await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const entry = this.entry;
    const worker = entry.pathname.endsWith('.ts')
      ? // Node 20 runs no TypeScript: register tsx's loader in the thread, then load the entry.
        new Worker(
          `import(${JSON.stringify(tsxLoaderUrl())}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`,
          { eval: true },
        )
      : new Worker(entry);
    this.started++;
    worker.unref();
    worker.on('message', (reply: MergeReply) => this.settle(worker, reply));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) =>
      this.fail(worker, new Error(`the compaction worker exited with code ${code}`)),
    );
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker, reply: MergeReply): void {
    const pending = this.pending.get(reply.id);
    if (pending === undefined) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if (this.pending.size === 0) worker.unref();
    if (reply.ok)
      pending.resolve({
        snapshot: reply.snapshot,
        versionId: reply.versionId,
        skipped: reply.skipped,
      });
    else
      pending.reject(
        reply.reason === 'missing-base'
          ? new MissingBaseError(reply.message)
          : new Error(reply.message),
      );
  }

  /** The worker crashed, hung or was ended: reject everything it owed, and end it for good. */
  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
    void worker.terminate();
  }
}

let shared: CompactionWorker | null = null;

/** The process's one compaction worker, shared by every room. */
export function sharedCompactionWorker(): CompactionWorker {
  return (shared ??= new CompactionWorker());
}
