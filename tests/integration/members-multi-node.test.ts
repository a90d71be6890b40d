import WebSocket from 'ws';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startIdentityServer, type IdentityTestServer } from '../support/identity-server.ts';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';
import { signInWithoutBrowser } from '../support/sign-in.ts';
import { api, createDocumentIn, createWorkspace, startTestServer } from '../support/test-server.ts';

let postgres: PostgresServer;
let redis: RedisServer;
let nodeA: IdentityTestServer;
let nodeB: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  postgres = await startPostgres();
  redis = await startRedis();
  const shared = {
    DATABASE_URL: await postgres.createDatabase('members_nodes'),
    REDIS_URL: redis.url,
  };
  nodeA = await startIdentityServer(
    { sam: { email: 'sam@riverside.example', name: 'Sam Ortiz' } },
    'riverside.example',
    shared,
  );
  // Behind one load balancer both nodes have the same public URL, and so the same allowed Origin.
  nodeB = await startTestServer({
    ...shared,
    PATHWAYS_PUBLIC_URL: nodeA.publicUrl,
    OIDC_ISSUER: nodeA.idp.issuer,
    OIDC_CLIENT_ID: nodeA.idp.clientId,
    OIDC_CLIENT_SECRET: nodeA.idp.clientSecret,
    OIDC_ALLOWED_DOMAINS: 'riverside.example',
  });
}, 60_000);

afterAll(async () => {
  await nodeB?.stop();
  await nodeA?.stop();
  await redis?.stop();
  await postgres?.stop();
});

test('removing a member on one node closes their socket on another node at once', async () => {
  const workspace = await createWorkspace(nodeA.url);
  const documentId = await createDocumentIn(nodeA.url, workspace);
  const invited = (await (
    await api(nodeA.url, `/api/workspaces/${workspace.id}/members`, {
      token: workspace.tokens.owner,
      body: { email: 'sam@riverside.example', role: 'editor' },
    })
  ).json()) as { id: string };
  const { cookie } = await signInWithoutBrowser(nodeA.url, 'sam');
  // The session is in the shared database, so node B knows it; the socket opens there.
  const socket = new WebSocket(new URL(`/sync/${documentId}`, nodeB.url.replace(/^http/, 'ws')), {
    headers: { cookie: cookie!, origin: nodeA.publicUrl },
  });
  await new Promise(
    (resolve, reject) => (
      socket.once('open', resolve),
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`HTTP ${response.statusCode}`)),
      )
    ),
  );
  const closed = new Promise<{ code: number; at: number }>((resolve) =>
    socket.once('close', (code) => resolve({ code, at: Date.now() })),
  );
  const removedAt = Date.now();
  expect(
    (
      await api(nodeA.url, `/api/workspaces/${workspace.id}/members?id=${invited.id}`, {
        token: workspace.tokens.owner,
        method: 'DELETE',
      })
    ).status,
  ).toBe(200);
  const { code, at } = await closed;
  expect(code).toBe(4401);
  expect(at - removedAt).toBeLessThan(1000);
}, 60_000);
