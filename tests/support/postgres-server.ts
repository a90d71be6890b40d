import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { findFreePort } from './free-port.ts';
import { findPostgresBin, isRoot } from './server-binaries.ts';

const run = promisify(execFile);

/** A private PostgreSQL cluster for one test file. */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`, the maintenance database. */
  readonly url: string;
  readonly port: number;
  /** The postmaster's process id (a new one after `restart`). */
  readonly pid: number;
  /** Stops the server (its files stay), for tests of a database that goes away. */
  halt(): Promise<void>;
  /** Starts it again on the same port with the same files. */
  restart(): Promise<void>;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the cluster (SIGINT to the postmaster: fast shutdown), waits for it, deletes its files. */
  stop(): Promise<void>;
}

/**
 * PostgreSQL refuses to run as root, and CI runs as root: then every program runs as the
 * `postgres` user (`runuser -u postgres --`), in a folder that user owns.
 */
function asServerUser(program: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

function postgresUserIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (line === undefined)
    throw new Error(
      'running as root needs a "postgres" user (apt-get install postgresql creates it)',
    );
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a throwaway cluster on a free loopback port: `initdb` into a temp folder, `pg_ctl start`
 * with the socket in that folder too, trust authentication for the `postgres` user on 127.0.0.1
 * only. `fsync` is off: the tests kill Pathways processes and the server process, never the
 * machine's power, and the OS keeps what PostgreSQL wrote.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (bin === null) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'pathways-pg-'));
  if (isRoot()) {
    const { uid, gid } = postgresUserIds();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const exec = (program: string, args: string[]) => {
    const [command, fullArgs] = asServerUser(join(bin, program), args);
    return run(command, fullArgs, { cwd: dir, timeout: 60_000 });
  };
  await exec('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);

  let port = 0;
  const start = (): Promise<unknown> => {
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=100`;
    return exec('pg_ctl', [
      'start',
      '-w',
      '-t',
      '30',
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-o',
      options,
    ]);
  };
  const readPid = (): number =>
    Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  for (let attempt = 0; ; attempt++) {
    port = await findFreePort();
    try {
      await start();
      break;
    } catch (error) {
      if (attempt >= 2) {
        let log = '';
        try {
          log = readFileSync(join(dir, 'server.log'), 'utf8');
        } catch {
          // No log yet: the server failed before writing one, and the error above says why.
        }
        throw new Error(`PostgreSQL did not start: ${String(error)}\n${log}`);
      }
    }
  }
  let pid = readPid();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const waitForExit = async (): Promise<void> => {
    if (isAlive(pid)) process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 20_000;
    while (isAlive(pid) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  };

  let stopping: Promise<void> | null = null;
  return {
    url,
    port,
    get pid() {
      return pid;
    },
    halt: waitForExit,
    async restart() {
      await start();
      pid = readPid();
    },
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    stop: () =>
      (stopping ??= (async () => {
        await waitForExit();
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
}
