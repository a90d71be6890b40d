import { startPostgres, type PostgresServer } from '../../support/postgres-server.ts';
import { startRedis, type RedisServer } from '../../support/redis-server.ts';
import { SERVER_KINDS } from './kinds.ts';
import { launchServer, type LaunchedServer } from './launch.ts';

/**
 * The engines behind the two-node topologies: a private PostgreSQL cluster and a Redis without
 * persistence, started as the tests start them (tests/support) and stopped by pid.
 */
export interface BenchBackends {
  readonly postgres: PostgresServer;
  readonly redis: RedisServer;
  stop(): Promise<void>;
}

export async function startBackends(): Promise<BenchBackends> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  return {
    postgres,
    redis,
    stop: async () => void (await Promise.all([postgres.stop(), redis.stop()])),
  };
}

/**
 * `count` compiled Pathways nodes (as `npm start` runs them): on SQLite in `dataDir` without a
 * database URL, else on that PostgreSQL database, joined through Redis when one is given.
 * Started one after another, so the first migrates the database alone.
 */
export async function launchNodes(
  count: number,
  dataDir: string,
  storage: { databaseUrl?: string; redisUrl?: string } = {},
): Promise<LaunchedServer[]> {
  const env: Record<string, string> = {
    ...(storage.databaseUrl !== undefined && { BENCH_DATABASE_URL: storage.databaseUrl }),
    ...(storage.redisUrl !== undefined && { BENCH_REDIS_URL: storage.redisUrl }),
  };
  const nodes: LaunchedServer[] = [];
  try {
    for (let i = 0; i < count; i++)
      nodes.push(await launchServer({ ...SERVER_KINDS.ours, env }, dataDir));
  } catch (error) {
    await Promise.all(nodes.map((node) => node.child.kill()));
    throw error;
  }
  return nodes;
}
