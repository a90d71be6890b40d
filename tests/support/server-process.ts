import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TEST_METRICS_TOKEN } from './test-server.ts';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  readonly exited: Promise<number | string>;
  /** Everything it printed until now, stdout and stderr. */
  output(): string;
}

/**
 * Starts the server as `npm start` does (the command its script runs: compile the server if its
 * sources changed, then run the compiled JavaScript) on a free loopback port, and waits for its URL.
 * `throughNpm` runs `npm start` itself, for what a process manager sees (signals sent to npm).
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  { throughNpm = false } = {},
): Promise<ServerProcess> {
  const [command, args] = throughNpm
    ? [join(dirname(process.execPath), 'npm'), ['start', '--silent']]
    : [process.execPath, ['scripts/start.mjs']];
  const child = spawn(command, args, {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pathways-')),
      PATHWAYS_METRICS_TOKEN: TEST_METRICS_TOKEN,
      PATHWAYS_ROOM_GRACE_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start within 20 s; output:\n${output}`)),
      20_000,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before starting; output:\n${output}`)),
    );
  });
  return { child, url, exited, output: () => output };
}
