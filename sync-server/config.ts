import { readIdentityConfig, type IdentityConfig } from './auth/identity-config.ts';
import { DEFAULT_COMMIT_INTERVAL_MS } from './relay/append-batcher.ts';
import { DEFAULT_ROOM_GRACE_MS } from './relay/grace-periods.ts';
import { FIRST_SCREEN_BUDGET_MS } from './routes/first-screen-page.ts';
import { readTrustedProxies } from './access/client-address.ts';

/** Server settings from the environment, checked once at start so a typo fails loudly. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** When set, creating a workspace needs it as a Bearer token. */
  readonly adminToken: string | undefined;
  /** When set, GET /metrics answers a scraper that sends it as a Bearer token; when not, metrics are off. */
  readonly metricsToken: string | undefined;
  /** Frames above this close their socket; 8 MiB holds a very large document's first sync. */
  readonly maxMessageBytes: number;
  /** Added to every storage call, to rehearse a network database; 0 in production with SQLite. */
  readonly storeLatencyMs: number;
  /** SQLite commit durability: NORMAL survives a killed process, FULL also a power cut (slower). */
  readonly sqliteSynchronous: 'NORMAL' | 'FULL';
  /**
   * Storage commits start at most this often; rooms busy in between share the next one. 0
   * commits every event-loop tick. See AppendBatcher for the trade-off.
   */
  readonly commitIntervalMs: number;
  /** How long a room stays in memory after its last socket leaves (R24). */
  readonly roomGraceMs: number;
  /** `postgres://…`: store everything in PostgreSQL instead of the SQLite file in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** `redis://…`: join the other nodes on the same database (needs `databaseUrl`). */
  readonly redisUrl: string | undefined;
  /** District sign-in (OIDC_* and PATHWAYS_PUBLIC_URL); undefined when only share links are used. */
  readonly identity?: IdentityConfig;
  /** How long a share link's page waits for the document's first screen before it goes without (routes/client.ts). */
  readonly firstScreenBudgetMs: number;
  /** Proxies whose `X-Forwarded-For` names the client (PATHWAYS_TRUSTED_PROXIES); empty: the socket's peer is the client. */
  readonly trustedProxies: ReadonlySet<string>;
}

function readInteger(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function readSynchronous(raw: string | undefined): 'NORMAL' | 'FULL' {
  const value = (raw || 'NORMAL').toUpperCase();
  if (value !== 'NORMAL' && value !== 'FULL')
    throw new Error(`PATHWAYS_SQLITE_SYNCHRONOUS must be NORMAL or FULL, got "${raw}"`);
  return value;
}

function readDatabaseUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const url = env.DATABASE_URL || undefined;
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url))
    throw new Error(
      `DATABASE_URL must be a postgres:// URL, got "${url.replace(/\/\/[^@/]*@/, '//…@')}"`,
    );
  // Nodes joined by Redis must share their storage; each one's own SQLite file would split every document.
  if (env.REDIS_URL && url === undefined)
    throw new Error(
      "REDIS_URL joins nodes that share one PostgreSQL database: set DATABASE_URL too (SQLite is one machine's file)",
    );
  return url;
}

function readRedisUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const url = env.REDIS_URL || undefined;
  if (url !== undefined && !/^rediss?:\/\//.test(url))
    throw new Error(
      `REDIS_URL must be a redis:// URL, got "${url.replace(/\/\/[^@/]*@/, '//…@')}"`,
    );
  return url;
}

export function readConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  return {
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: env.DATA_DIR || './data',
    adminToken: env.PATHWAYS_ADMIN_TOKEN || undefined,
    metricsToken: env.PATHWAYS_METRICS_TOKEN || undefined,
    maxMessageBytes: readInteger(
      env,
      'MAX_MESSAGE_BYTES',
      8 * 1024 * 1024,
      1024,
      256 * 1024 * 1024,
    ),
    storeLatencyMs: readInteger(env, 'PATHWAYS_STORE_LATENCY_MS', 0, 0, 10_000),
    sqliteSynchronous: readSynchronous(env.PATHWAYS_SQLITE_SYNCHRONOUS),
    commitIntervalMs: readInteger(
      env,
      'PATHWAYS_COMMIT_INTERVAL_MS',
      DEFAULT_COMMIT_INTERVAL_MS,
      0,
      1000,
    ),
    roomGraceMs: readInteger(env, 'PATHWAYS_ROOM_GRACE_MS', DEFAULT_ROOM_GRACE_MS, 0, 3_600_000),
    databaseUrl: readDatabaseUrl(env),
    redisUrl: readRedisUrl(env),
    identity: readIdentityConfig(env),
    firstScreenBudgetMs: readInteger(
      env,
      'PATHWAYS_FIRST_SCREEN_BUDGET_MS',
      FIRST_SCREEN_BUDGET_MS,
      0,
      10_000,
    ),
    trustedProxies: readTrustedProxies(env.PATHWAYS_TRUSTED_PROXIES),
  };
}
