import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ensureTextCell, textCell } from '../../core/schema/index.ts';
import {
  NEXT_STEPS_COLUMNS as C,
  NEXT_STEPS_SECTION_ID as NEXT_STEPS,
} from '../../core/templates/index.ts';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { firstNextStepRowId } from '../support/next-steps.ts';
import { connectRaw, StockClients, waitFor, type StockClient } from '../support/sync-clients.ts';
import { api, createDocumentIn, createWorkspace, type Workspace } from '../support/test-server.ts';

/**
 * Several nodes (real server processes) on one PostgreSQL and one Redis, with stock y-websocket
 * clients: any node serves any document, and what one node's clients write reaches the others'.
 */

let postgres: PostgresServer;
let redis: RedisServer;
let databases = 0;
const processes: ServerProcess[] = [];
const clients = new StockClients();

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
});
afterEach(() => {
  clients.destroyAll();
  for (const node of processes.splice(0)) node.child.kill('SIGKILL');
});
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

async function cluster(count = 2): Promise<{
  nodes: ServerProcess[];
  workspace: Workspace;
  documentId: string;
  databaseUrl: string;
}> {
  const DATABASE_URL = await postgres.createDatabase(`nodes_${++databases}`);
  // One at a time: the first migrates the new database, and the machine is small.
  const nodes: ServerProcess[] = [];
  for (let i = 0; i < count; i++) {
    const node = await startServerProcess({
      DATABASE_URL,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'silent',
    });
    processes.push(node);
    nodes.push(node);
  }
  const workspace = await createWorkspace(nodes[0]!.url);
  const documentId = await createDocumentIn(nodes[1 % count]!.url, workspace, {
    title: 'Barriers',
    template: 'barriers',
  });
  return { nodes, workspace, documentId, databaseUrl: DATABASE_URL };
}

const join = (node: ServerProcess, documentId: string, token: string): StockClient =>
  clients.connect(node.url, documentId, token);

const nameOf = (client: StockClient, clientId: number): string | undefined =>
  (client.provider.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined)
    ?.user?.name;

const taskText = (doc: Y.Doc, rowId: string): string =>
  textCell(doc, NEXT_STEPS, rowId, C.task)?.toString() ?? '';

describe('two nodes on one PostgreSQL and one Redis', { timeout: 120_000 }, () => {
  test('R21: stock clients on different nodes converge, both ways, and a viewer on either sees every edit', async () => {
    const { nodes, workspace, documentId } = await cluster();
    const [a, b] = [
      join(nodes[0]!, documentId, workspace.tokens.editor),
      join(nodes[1]!, documentId, workspace.tokens.editor),
    ];
    const viewer = join(nodes[1]!, documentId, workspace.tokens.viewer);
    await Promise.all([a.synced, b.synced, viewer.synced]);
    const rowId = firstNextStepRowId(a.doc);
    const atA = ensureTextCell(a.doc, NEXT_STEPS, rowId, C.task)!;
    atA.delete(0, atA.length);
    const sent = Date.now();
    atA.insert(0, 'from A.');
    await waitFor('A’s edit at B', () => taskText(b.doc, rowId) === 'from A.');
    // Carried by the notice, not found by the storage sweep (every STORAGE_SWEEP_MS, 5 s).
    expect(Date.now() - sent).toBeLessThan(2500);
    ensureTextCell(b.doc, NEXT_STEPS, rowId, C.task)!.insert(
      taskText(b.doc, rowId).length,
      ' from B.',
    );
    // Typing on both nodes at once, keystroke by keystroke.
    for (let i = 0; i < 40; i++) {
      ensureTextCell(a.doc, NEXT_STEPS, rowId, C.task)!.insert(0, 'a');
      ensureTextCell(b.doc, NEXT_STEPS, rowId, C.task)!.insert(taskText(b.doc, rowId).length, 'b');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await waitFor('all three to converge', () => {
      const text = taskText(a.doc, rowId);
      return (
        text.length === 7 + 8 + 80 &&
        taskText(b.doc, rowId) === text &&
        taskText(viewer.doc, rowId) === text
      );
    });
    expect(taskText(viewer.doc, rowId)).toMatch(/^a{40}from A\. from B\.b{40}$/);
  });

  test('R23: presence crosses nodes: set on one, seen on the other, told to a late joiner there, and gone when its socket closes', async () => {
    const { nodes, workspace, documentId, databaseUrl } = await cluster();
    const ana = join(nodes[0]!, documentId, workspace.tokens.editor);
    const ben = join(nodes[1]!, documentId, workspace.tokens.editor);
    await Promise.all([ana.synced, ben.synced]);
    ana.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    ben.provider.awareness.setLocalStateField('user', { name: 'Ben' });
    await waitFor(
      'Ana at Ben and Ben at Ana',
      () => nameOf(ben, ana.doc.clientID) === 'Ana' && nameOf(ana, ben.doc.clientID) === 'Ben',
      5_000,
    );
    // A room opening on a third node asks the others who is here.
    const third = await startServerProcess({
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'silent',
    });
    processes.push(third);
    const late = join(third, documentId, workspace.tokens.viewer);
    await late.synced;
    await waitFor(
      'Ana and Ben at the late joiner on the third node',
      () => nameOf(late, ana.doc.clientID) === 'Ana' && nameOf(late, ben.doc.clientID) === 'Ben',
      5_000,
    );
    ana.provider.shouldConnect = false;
    (ana.provider.ws as unknown as { terminate(): void }).terminate();
    await waitFor(
      'Ana to be gone at Ben',
      () => !ben.provider.awareness.getStates().has(ana.doc.clientID),
      5_000,
    );
  });

  test('R9/R22: a link replaced on one node closes its sockets on the other with 4401, and both refuse the old token', async () => {
    const { nodes, workspace, documentId } = await cluster();
    const raw = connectRaw(nodes[1]!.url, documentId, workspace.tokens.editor);
    await raw.opened;
    const rotated = await api(nodes[0]!.url, `/api/workspaces/${workspace.id}/tokens/editor`, {
      method: 'POST',
      token: workspace.tokens.owner,
      body: {},
    });
    expect(rotated.status).toBe(200);
    const started = Date.now();
    expect((await raw.closed).code).toBe(4401);
    expect(Date.now() - started).toBeLessThan(1000);
    for (const node of nodes) {
      const refused = connectRaw(node.url, documentId, workspace.tokens.editor);
      await expect(refused.opened).rejects.toThrow('HTTP 401');
      expect(
        (
          await api(node.url, `/api/workspaces/${workspace.id}/documents`, {
            token: workspace.tokens.viewer,
          })
        ).status,
      ).toBe(200);
    }
  });

  test('R1/R21: a node killed while its client types loses nothing a client on the other node saw', async () => {
    const { nodes, workspace, documentId } = await cluster();
    const writer = join(nodes[0]!, documentId, workspace.tokens.editor);
    const observer = join(nodes[1]!, documentId, workspace.tokens.viewer);
    await Promise.all([writer.synced, observer.synced]);
    const rowId = firstNextStepRowId(writer.doc);
    const text = ensureTextCell(writer.doc, NEXT_STEPS, rowId, C.task)!;
    text.delete(0, text.length);
    let seen = '';
    observer.doc.on('update', () => {
      const current = taskText(observer.doc, rowId);
      if (current.length > seen.length) seen = current;
    });
    const typing = setInterval(() => text.insert(text.length, 'x'.repeat(50)), 2);
    await waitFor('the observer to see typing', () => seen.length >= 5_000, 15_000);
    nodes[0]!.child.kill('SIGKILL');
    clearInterval(typing);
    await nodes[0]!.exited;
    const seenAtKill = seen;
    const reader = join(nodes[1]!, documentId, workspace.tokens.viewer);
    await reader.synced;
    expect(taskText(reader.doc, rowId).startsWith(seenAtKill)).toBe(true);
  });

  test('R21: with Redis stopped editing goes on at each node, and the nodes converge again once it is back', async () => {
    const { nodes, workspace, documentId } = await cluster();
    const [a, b] = [
      join(nodes[0]!, documentId, workspace.tokens.editor),
      join(nodes[1]!, documentId, workspace.tokens.editor),
    ];
    await Promise.all([a.synced, b.synced]);
    const rowId = firstNextStepRowId(a.doc);
    await redis.stop();
    try {
      ensureTextCell(a.doc, NEXT_STEPS, rowId, C.task)!.insert(0, 'A while Redis is away. ');
      ensureTextCell(b.doc, NEXT_STEPS, rowId, C.task)!.insert(0, 'B while Redis is away. ');
      // Each node still relays to its own clients: a second client on node A sees A's edit.
      const sameNode = join(nodes[0]!, documentId, workspace.tokens.viewer);
      await waitFor('A’s edit at a client on node A', () =>
        taskText(sameNode.doc, rowId).includes('A while Redis is away.'),
      );
    } finally {
      redis = await startRedis(redis.port);
    }
    await waitFor(
      'both nodes to converge after Redis returns',
      () =>
        taskText(a.doc, rowId) === taskText(b.doc, rowId) &&
        taskText(a.doc, rowId).includes('A while') &&
        taskText(a.doc, rowId).includes('B while'),
      15_000,
    );
  });
});
