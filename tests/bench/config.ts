import { DEFAULT_SERVERS, SERVER_NAMES, type ServerName } from './servers/kinds.ts';

/** Sizes of one benchmark run; every one can be overridden from the environment. */
export interface BenchConfig {
  /** Seconds of steady typing in the fan-out load. */
  readonly seconds: number;
  readonly rooms: number;
  readonly clientsPerRoom: number;
  readonly typistsPerRoom: number;
  readonly keysPerSecond: number;
  /**
   * Load generator processes for the fan-out load; rooms are split between them whole. Two by
   * default: 500 stock clients in one process kept it at 70–85% of a core with event-loop delays
   * past 100 ms, so its own lag, not the server's, set the p99.
   */
  readonly generators: number;
  /** Single-character updates in the cold-load document's history. */
  readonly historyUpdates: number;
  /** First syncs timed per cold-load case; the median is reported. */
  readonly coldRepeats: number;
  /** Documents opened and closed one after another for the idle-memory figure. */
  readonly idleDocuments: number;
  readonly servers: readonly ServerName[];
  /** The whole run is killed after this long, children included. */
  readonly limitMinutes: number;
  /**
   * Before each server, wait up to this long for the machine to be idle (another test run on a
   * two-core machine skews everything). 0, the default, starts at once.
   */
  readonly quietSeconds: number;
}

function readNumber(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

export function readBenchConfig(env: Readonly<Record<string, string | undefined>>): BenchConfig {
  const servers = (env.BENCH_SERVERS ?? DEFAULT_SERVERS.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of servers)
    if (!SERVER_NAMES.includes(name as ServerName))
      throw new Error(`BENCH_SERVERS: unknown server "${name}"; use ${SERVER_NAMES.join(', ')}`);
  const clientsPerRoom = readNumber(env, 'BENCH_CLIENTS', 25, 2, 200);
  return {
    seconds: readNumber(env, 'BENCH_SECONDS', 20, 1, 600),
    rooms: readNumber(env, 'BENCH_ROOMS', 20, 1, 200),
    clientsPerRoom,
    typistsPerRoom: Math.min(clientsPerRoom, readNumber(env, 'BENCH_TYPISTS', 5, 1, 200)),
    keysPerSecond: readNumber(env, 'BENCH_KEYS_PER_SECOND', 5, 0.1, 100),
    generators: readNumber(env, 'BENCH_GENERATORS', 2, 1, 8),
    historyUpdates: readNumber(env, 'BENCH_HISTORY', 20_000, 1, 1_000_000),
    coldRepeats: readNumber(env, 'BENCH_COLD_REPEATS', 5, 1, 100),
    idleDocuments: readNumber(env, 'BENCH_IDLE_DOCS', 200, 1, 10_000),
    servers: servers as ServerName[],
    limitMinutes: readNumber(env, 'BENCH_LIMIT_MINUTES', 20, 1, 600),
    quietSeconds: readNumber(env, 'BENCH_QUIET_SECONDS', 0, 0, 3600),
  };
}
