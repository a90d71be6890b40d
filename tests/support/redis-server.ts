import { spawn, type ChildProcess } from 'node:child_process';
import { findFreePort } from './free-port.ts';
import { findRedisServer } from './server-binaries.ts';

/** A private Redis for one test file. */
export interface RedisServer {
  /** `redis://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops it by pid (SIGTERM, SIGKILL after 10 s) and waits until it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `redis-server` on a free loopback port with no persistence at all (`--save ''`, no
 * append-only file): Pathways keeps nothing durable in Redis, and a restart must find it empty.
 */
export async function startRedis(port?: number): Promise<RedisServer> {
  const program = findRedisServer();
  if (program === null) throw new Error('Redis is not installed: apt-get install -y redis-server');
  for (let attempt = 0; ; attempt++) {
    const chosen = port ?? (await findFreePort());
    try {
      return await launch(program, chosen);
    } catch (error) {
      if (port !== undefined || attempt >= 2) throw error;
    }
  }
}

async function launch(program: string, port: number): Promise<RedisServer> {
  const child: ChildProcess = spawn(
    program,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start within 10 s:\n${output}`)),
      10_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited before it was ready:\n${output}`));
    });
  });
  const pid = child.pid!;
  let stopping: Promise<void> | null = null;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid,
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          process.kill(pid, 'SIGTERM');
          const timer = setTimeout(
            () =>
              child.exitCode === null && child.signalCode === null && process.kill(pid, 'SIGKILL'),
            10_000,
          );
          await exited;
          clearTimeout(timer);
        }
      })()),
  };
}
