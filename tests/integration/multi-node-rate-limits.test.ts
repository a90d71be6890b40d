import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { JOIN_CODE_TRIES_PER_MINUTE } from '../../sync-server/routes/join-links.ts';
import { SURVEY_ANSWERS_PER_MINUTE } from '../../sync-server/routes/survey-answers.ts';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { api, createDocumentIn, createWorkspace } from '../support/test-server.ts';

/**
 * Rate limits on two real nodes sharing one PostgreSQL and one Redis: a limit is the service's,
 * not each node's, or a load balancer with N nodes would let through N times as much.
 */

let postgres: PostgresServer;
let databases = 0;
const processes: ServerProcess[] = [];
const redises: RedisServer[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
});
afterEach(async () => {
  for (const node of processes.splice(0)) node.child.kill('SIGKILL');
  await Promise.all(redises.splice(0).map((redis) => redis.stop()));
});
afterAll(async () => {
  await postgres?.stop();
});

async function twoNodes(): Promise<{ nodes: ServerProcess[]; redis: RedisServer }> {
  const redis = await startRedis();
  redises.push(redis);
  const DATABASE_URL = await postgres.createDatabase(`limits_${++databases}`);
  const nodes: ServerProcess[] = [];
  for (let i = 0; i < 2; i++) {
    const node = await startServerProcess({
      DATABASE_URL,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'silent',
      // The tests play the load balancer, from loopback, and name the client in X-Forwarded-For.
      PATHWAYS_TRUSTED_PROXIES: '127.0.0.1',
    });
    processes.push(node);
    nodes.push(node);
  }
  return { nodes, redis };
}

/** A try at a join code nobody minted, from `address`, as a load balancer forwards it. */
async function tryCode(node: ServerProcess, address: string): Promise<Response> {
  return fetch(new URL('/api/join/000000', node.url), {
    method: 'POST',
    headers: { 'x-forwarded-for': address },
  });
}

describe('rate limits across nodes', () => {
  test('one address gets its join-code tries once across both nodes: past the limit, either node refuses with 429', async () => {
    const { nodes } = await twoNodes();
    const limit = JOIN_CODE_TRIES_PER_MINUTE.perAddress;
    // Alternating nodes, as a balancer spreading requests would: each node sees only half of them.
    for (let i = 0; i < limit; i++)
      expect((await tryCode(nodes[i % 2]!, '203.0.113.7')).status).toBe(404);
    for (const node of nodes) {
      const refused = await tryCode(node, '203.0.113.7');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // The limit is per address: another one is still answered.
    expect((await tryCode(nodes[1]!, '198.51.100.4')).status).toBe(404);
  });

  test('a survey link takes its answers a minute once across both nodes, and every answer taken is stored', async () => {
    const { nodes } = await twoNodes();
    const workspace = await createWorkspace(nodes[0]!.url);
    const documentId = await createDocumentIn(nodes[1]!.url, workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const link = (await (
      await api(nodes[0]!.url, `/api/documents/${documentId}/survey-link`, {
        token: workspace.tokens.editor,
        body: {},
      })
    ).json()) as { token: string };
    const answer = (node: ServerProcess, text: string): Promise<Response> =>
      fetch(new URL(`/api/survey/${link.token}/answers`, node.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { suggestions: text } }),
      });
    for (let i = 0; i < SURVEY_ANSWERS_PER_MINUTE; i++)
      expect((await answer(nodes[i % 2]!, `Answer ${i}`)).status).toBe(201);
    for (const node of nodes) expect((await answer(node, 'One too many')).status).toBe(429);
    const exported = await (
      await api(nodes[1]!.url, `/api/documents/${documentId}/export?format=md`, {
        token: workspace.tokens.editor,
      })
    ).text();
    for (let i = 0; i < SURVEY_ANSWERS_PER_MINUTE; i++) expect(exported).toContain(`Answer ${i}`);
    expect(exported).not.toContain('One too many');
  });

  test('with Redis stopped, each node still limits on its own and answers at once', async () => {
    const { nodes, redis } = await twoNodes();
    await redis.stop();
    const limit = JOIN_CODE_TRIES_PER_MINUTE.perAddress;
    const started = performance.now();
    for (let i = 0; i < limit; i++)
      expect((await tryCode(nodes[0]!, '203.0.113.9')).status).toBe(404);
    expect((await tryCode(nodes[0]!, '203.0.113.9')).status).toBe(429);
    // No request waited on the missing Redis.
    expect(performance.now() - started).toBeLessThan(limit * 250);
    // The other node counted nothing meanwhile: without Redis the limits are per node.
    expect((await tryCode(nodes[1]!, '203.0.113.9')).status).toBe(404);
  });
});
