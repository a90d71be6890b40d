import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import { startRedis, type RedisServer } from '../support/redis-server.ts';
import {
  connectRaw,
  connectStockClient,
  waitFor,
  type StockClient,
} from '../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

/** `DELETE /api/documents/:doc` (issue 18): gone from storage, from every socket, for good. */

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
let server: TestServer;
let workspace: Workspace;
const clients: StockClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await server.stop();
});

function client(baseUrl: string, documentId: string, token: string, doc?: Y.Doc): StockClient {
  const opened = connectStockClient(baseUrl, documentId, token, {
    ...(doc !== undefined && { doc }),
  });
  clients.push(opened);
  return opened;
}

/** Resolves with the close code and reason the provider got when the server ended it for good. */
const terminalClose = (opened: StockClient) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    opened.provider.once('closed', (event) => resolve(event)),
  );

describe('deleting a document', () => {
  test('is for owners only: an editor and a viewer are refused, and nothing is deleted', async () => {
    const documentId = await createDocumentIn(server.url, workspace);
    for (const token of [workspace.tokens.editor, workspace.tokens.viewer]) {
      const refused = await api(server.url, `/api/documents/${documentId}`, {
        method: 'DELETE',
        token,
      });
      expect(refused.status).toBe(403);
    }
    expect(
      (await api(server.url, `/api/documents/${documentId}`, { method: 'DELETE' })).status,
    ).toBe(401);
    expect(
      (await api(server.url, `/api/documents/${documentId}`, { token: workspace.tokens.viewer }))
        .status,
    ).toBe(200);
  });

  test('removes it from the workspace, answers 410 to its members afterwards and 404 to anyone else, and logs who did it', async () => {
    const documentId = await createDocumentIn(server.url, workspace, { title: 'Private notes' });
    const response = await api(server.url, `/api/documents/${documentId}`, {
      method: 'DELETE',
      token: workspace.tokens.owner,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deleted: true, alreadyDeleted: false });
    const documents = (await (
      await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
        token: workspace.tokens.viewer,
      })
    ).json()) as { id: string }[];
    expect(documents.map((document) => document.id)).not.toContain(documentId);
    const gone = await api(server.url, `/api/documents/${documentId}`, {
      token: workspace.tokens.viewer,
    });
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { error: string }).error).toContain('deleted');
    expect(
      (
        await api(server.url, `/api/documents/${documentId}/versions`, {
          token: workspace.tokens.viewer,
        })
      ).status,
    ).toBe(410);
    const stranger = await createWorkspace(server.url, 'Lakeside USD');
    expect(
      (await api(server.url, `/api/documents/${documentId}`, { token: stranger.tokens.owner }))
        .status,
    ).toBe(404);
    // Deleting again changes nothing and says so.
    expect(
      (
        await api(server.url, `/api/documents/${documentId}`, {
          method: 'DELETE',
          token: workspace.tokens.owner,
        })
      ).status,
    ).toBe(410);

    const audit = (
      await (
        await api(server.url, `/api/workspaces/${workspace.id}/audit?format=jsonl`, {
          token: workspace.tokens.owner,
        })
      ).text()
    )
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const deleted = audit.filter((event) => event.action === 'document-deleted');
    expect(deleted).toEqual([
      expect.objectContaining({
        actor: { type: 'link', role: 'owner' },
        target: documentId,
        outcome: 'success',
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('Private notes');
  });

  test('closes its open sockets with 4404 "document deleted", and the stale clients stop reconnecting', async () => {
    const documentId = await createDocumentIn(server.url, workspace);
    const editor = client(server.url, documentId, workspace.tokens.editor);
    const viewer = client(server.url, documentId, workspace.tokens.viewer);
    await Promise.all([editor.synced, viewer.synced]);
    editor.doc.getText('t').insert(0, 'typed before the delete');
    const closes = [terminalClose(editor), terminalClose(viewer)];
    expect(
      (
        await api(server.url, `/api/documents/${documentId}`, {
          method: 'DELETE',
          token: workspace.tokens.owner,
        })
      ).status,
    ).toBe(200);
    for (const close of await Promise.all(closes))
      expect(close).toEqual({ code: 4404, reason: 'document deleted' });
    expect(editor.provider.shouldConnect).toBe(false);
  });

  test('a stale offline client that reconnects with its copy is told 4404 and recreates nothing', async () => {
    const documentId = await createDocumentIn(server.url, workspace);
    const kept = new Y.Doc();
    const first = client(server.url, documentId, workspace.tokens.editor, kept);
    await first.synced;
    first.provider.disconnect();
    kept.getText('t').insert(0, 'written offline');
    expect(
      (
        await api(server.url, `/api/documents/${documentId}`, {
          method: 'DELETE',
          token: workspace.tokens.owner,
        })
      ).status,
    ).toBe(200);

    const raw = connectRaw(server.url, documentId, workspace.tokens.editor);
    expect(await raw.closed).toEqual({ code: 4404, reason: 'document deleted' });
    const back = client(server.url, documentId, workspace.tokens.editor, kept);
    expect(await terminalClose(back)).toEqual({ code: 4404, reason: 'document deleted' });
    // Nothing came back: the id is still deleted, with nothing stored under it.
    expect(
      (await api(server.url, `/api/documents/${documentId}`, { token: workspace.tokens.editor }))
        .status,
    ).toBe(410);
    expect(await server.store.loadDocument(documentId)).toEqual({
      snapshot: null,
      updates: [],
      lastSeq: 0,
    });
    // Someone with no link of the workspace learns nothing: the usual 401.
    await expect(connectRaw(server.url, documentId, 'not-a-token').opened).rejects.toThrow(
      'HTTP 401',
    );
  });
});

describe('deleting a document with several nodes', () => {
  let postgres: PostgresServer;
  let redis: RedisServer;
  const nodes: TestServer[] = [];
  beforeAll(async () => {
    postgres = await startPostgres();
    redis = await startRedis();
    const shared = {
      DATABASE_URL: await postgres.createDatabase('deletion_nodes'),
      REDIS_URL: redis.url,
    };
    nodes.push(await startTestServer(shared), await startTestServer(shared));
  }, 60_000);
  afterAll(async () => {
    for (const node of nodes) await node.stop();
    await redis?.stop();
    await postgres?.stop();
  });

  test('closes its sockets on the other node too, with 4404, and removes it from the shared storage', async () => {
    const [nodeA, nodeB] = nodes as [TestServer, TestServer];
    const shared = await createWorkspace(nodeA.url);
    const documentId = await createDocumentIn(nodeA.url, shared);
    const onB = client(nodeB.url, documentId, shared.tokens.editor);
    await onB.synced;
    onB.doc.getText('t').insert(0, 'typed on node B');
    await waitFor(
      'the edit to be stored',
      async () => (await nodeA.store.loadDocument(documentId)).updates.length > 0,
    );
    const closed = terminalClose(onB);
    const deletedAt = Date.now();
    expect(
      (
        await api(nodeA.url, `/api/documents/${documentId}`, {
          method: 'DELETE',
          token: shared.tokens.owner,
        })
      ).status,
    ).toBe(200);
    expect(await closed).toEqual({ code: 4404, reason: 'document deleted' });
    expect(Date.now() - deletedAt).toBeLessThan(2000);
    expect(await nodeB.store.getDocument(documentId)).toBeNull();
    expect(await nodeB.store.loadDocument(documentId)).toEqual({
      snapshot: null,
      updates: [],
      lastSeq: 0,
    });
  }, 60_000);
});
