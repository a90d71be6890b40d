import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readMeta, setCell, writeTitle } from '../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../../core/templates/index.ts';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import { startServerProcess } from '../support/server-process.ts';
import { firstNextStepRowId, firstNextStepTask as taskOfFirstRow } from '../support/next-steps.ts';
import { StockClients, waitFor, type StockClient } from '../support/sync-clients.ts';
import { api, createDocumentIn, createWorkspace, startTestServer } from '../support/test-server.ts';

/**
 * `DATABASE_URL` selects PostgreSQL: the whole server (REST and sync) on a real PostgreSQL
 * server, and a second node on the same database serving what the first one stored.
 */

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let postgres: PostgresServer;
let databases = 0;
const servers: TestServer[] = [];
const clients = new StockClients();

beforeAll(async () => {
  postgres = await startPostgres();
});
afterEach(async () => {
  clients.destroyAll();
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});
afterAll(async () => {
  await postgres?.stop();
});

async function node(databaseUrl: string): Promise<TestServer> {
  const server = await startTestServer({ DATABASE_URL: databaseUrl });
  servers.push(server);
  return server;
}

const client = (server: TestServer, documentId: string, token: string): StockClient =>
  clients.connect(server.url, documentId, token);

describe('a node on PostgreSQL', () => {
  test('stock clients sync through it, and what they stored is served by a second node on the same database', async () => {
    const url = await postgres.createDatabase(`node_${++databases}`);
    const first = await node(url);
    const workspace = await createWorkspace(first.url);
    const documentId = await createDocumentIn(first.url, workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const a = client(first, documentId, workspace.tokens.editor);
    const b = client(first, documentId, workspace.tokens.viewer);
    await Promise.all([a.synced, b.synced]);
    expect(readMeta(a.doc).value.template).toBe('barriers');
    const rowId = firstNextStepRowId(a.doc);
    setCell(
      a.doc,
      NEXT_STEPS_SECTION_ID,
      rowId,
      NEXT_STEPS_COLUMNS.task,
      'Update the MOU with Harbor Health',
    );
    writeTitle(a.doc, 'Barriers, spring');
    await waitFor(
      'the edit at the viewer',
      () => taskOfFirstRow(b.doc) === 'Update the MOU with Harbor Health',
    );
    clients.destroyAll();
    await waitFor('the room to close', () => first.relay.roomCount === 0);

    const second = await node(url);
    const later = client(second, documentId, workspace.tokens.viewer);
    await later.synced;
    expect(taskOfFirstRow(later.doc)).toBe('Update the MOU with Harbor Health');
    const list = (await (
      await api(second.url, `/api/workspaces/${workspace.id}/documents`, {
        token: workspace.tokens.viewer,
      })
    ).json()) as { title: string }[];
    expect(list.map((entry) => entry.title)).toEqual(['Barriers, spring']);
    const versions = (await (
      await api(second.url, `/api/documents/${documentId}/versions`, {
        token: workspace.tokens.viewer,
      })
    ).json()) as { label: string }[];
    expect(versions.map((version) => version.label)).toEqual(['Session ended']);
  });

  test('every REST route works on either node: a link made on one opens on the other, and a rotation on one refuses the old token on both', async () => {
    const url = await postgres.createDatabase(`node_${++databases}`);
    const [first, second] = [await node(url), await node(url)];
    const workspace = await createWorkspace(first.url);
    const documentId = await createDocumentIn(second.url, workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const link = (await (
      await api(first.url, `/api/documents/${documentId}/survey-link`, {
        token: workspace.tokens.editor,
        body: {},
      })
    ).json()) as { token: string };
    const answered = await fetch(new URL(`/api/survey/${link.token}/answers`, second.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answers: { 'working-well': 'Weekly huddles' } }),
    });
    expect(answered.status).toBe(201);

    const rotated = await api(second.url, `/api/workspaces/${workspace.id}/tokens/editor`, {
      method: 'POST',
      token: workspace.tokens.owner,
      body: {},
    });
    expect(rotated.status).toBe(200);
    for (const server of [first, second]) {
      expect(
        (
          await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
            token: workspace.tokens.editor,
          })
        ).status,
      ).toBe(401);
    }
  });
});

describe('PostgreSQL going away', () => {
  test('closes rooms with 1011 and refuses sockets while it is down; edits made meanwhile are kept on the device and stored once it is back', async () => {
    const url = await postgres.createDatabase(`node_${++databases}`);
    const server = await node(url);
    const workspace = await createWorkspace(server.url);
    const documentId = await createDocumentIn(server.url, workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const editor = client(server, documentId, workspace.tokens.editor);
    const closeCodes: number[] = [];
    editor.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closeCodes.push(event.code);
    });
    await editor.synced;
    const rowId = firstNextStepRowId(editor.doc);
    setCell(
      editor.doc,
      NEXT_STEPS_SECTION_ID,
      rowId,
      NEXT_STEPS_COLUMNS.task,
      'Before the outage.',
    );
    await waitFor('the edit to be stored', async () =>
      new TextDecoder()
        .decode(await server.relay.readState(documentId))
        .includes('Before the outage.'),
    );

    await postgres.halt();
    try {
      await waitFor(
        '/healthz to say 503',
        async () => (await fetch(new URL('/healthz', server.url))).status === 503,
        20_000,
      );
      await waitFor('the room to close with 1011', () => closeCodes.includes(1011), 10_000);
      setCell(
        editor.doc,
        NEXT_STEPS_SECTION_ID,
        rowId,
        NEXT_STEPS_COLUMNS.task,
        'Written during the outage.',
      );
    } finally {
      await postgres.restart();
    }
    await waitFor(
      '/healthz to recover',
      async () => (await fetch(new URL('/healthz', server.url))).status === 200,
      20_000,
    );
    const reader = client(server, documentId, workspace.tokens.viewer);
    await waitFor(
      'the edit made during the outage to be stored and served',
      () => taskOfFirstRow(reader.doc) === 'Written during the outage.',
      20_000,
    );
  });
});

describe('configuration', () => {
  test('REDIS_URL without DATABASE_URL refuses to start, with a one-line reason', async () => {
    await expect(startServerProcess({ REDIS_URL: 'redis://127.0.0.1:1' })).rejects.toThrow(
      /exited \(1\) before starting; output:\nPathways cannot start: REDIS_URL joins nodes that share one PostgreSQL database: set DATABASE_URL too[^\n]*\n?$/,
    );
  });
});
