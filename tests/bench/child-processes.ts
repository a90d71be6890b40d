import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every child's stdout and stderr go to a file here, so a failure can point at its log. */
export const LOG_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results', 'logs');

/** A benchmark child process (a server or a load generator) that answers requests over IPC. */
export interface BenchChild {
  readonly name: string;
  readonly pid: number;
  readonly logPath: string;
  /** What the child reported when it became ready (a server's port, for example). */
  readonly ready: Promise<Record<string, unknown>>;
  request<T>(type: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Resolves once the process has ended. */
  readonly exited: Promise<void>;
  /** SIGKILL and wait for the exit; harmless when it already ended. */
  kill(): Promise<void>;
}

interface Reply {
  kind: 'reply';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

const running = new Set<ChildProcess>();

/** Kills every child still running. Synchronous, so it also works from an 'exit' handler. */
export function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}
process.once('exit', killAllChildren);

/**
 * Forks `entry` with IPC, under tsx unless it is already JavaScript (a compiled server). 'advanced'
 * serialization carries typed arrays (latency samples) without a JSON round trip.
 */
export function startChild(
  name: string,
  entry: string,
  options: { env?: Record<string, string>; execArgv?: string[]; readyTimeoutMs?: number } = {},
): BenchChild {
  mkdirSync(LOG_DIR, { recursive: true });
  const logPath = join(LOG_DIR, `${name.replace(/[^\w.-]+/g, '_')}.log`);
  const log = openSync(logPath, 'a');
  const child = fork(entry, [], {
    execArgv: [...(entry.endsWith('.ts') ? ['--import', 'tsx'] : []), ...(options.execArgv ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log, 'ipc'],
    serialization: 'advanced',
  });
  closeSync(log); // the child holds its own descriptor
  running.add(child);
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
  >();
  let nextId = 1;
  let exitReason: string | null = null;

  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      exitReason = `${name} exited (${code ?? signal}); see ${logPath}`;
      for (const { reject, timer } of pending.values()) {
        clearTimeout(timer);
        reject(new Error(exitReason));
      }
      pending.clear();
      resolve();
    });
  });

  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `${name} was not ready within ${options.readyTimeoutMs ?? 30_000} ms; see ${logPath}`,
          ),
        ),
      options.readyTimeoutMs ?? 30_000,
    );
    child.on('message', (message: { kind?: string } & Record<string, unknown>) => {
      if (message.kind === 'ready') {
        clearTimeout(timer);
        resolve(message);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(exitReason ?? `${name} exited`));
    });
  });
  ready.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection

  child.on('message', (message: Reply) => {
    if (message.kind !== 'reply') return;
    const waiting = pending.get(message.id);
    if (waiting === undefined) return;
    pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(new Error(`${name} failed "${message.error}"; see ${logPath}`));
  });

  return {
    name,
    pid: child.pid!,
    logPath,
    ready,
    exited,
    request: <T>(type: string, args?: unknown, timeoutMs = 60_000) =>
      new Promise<T>((resolve, reject) => {
        if (exitReason !== null) return reject(new Error(exitReason));
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}: "${type}" took longer than ${timeoutMs} ms; see ${logPath}`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        child.send({ kind: 'request', id, type, args });
      }),
    kill: async () => {
      if (exitReason === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
