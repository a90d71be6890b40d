import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readMeta, writeTitle } from '../../../core/schema/index.ts';
import {
  closeOf,
  encodeUpdateFrame,
  openRaw,
  quietWindow,
  within,
} from '../../support/relay-frames.ts';
import {
  connectRaw,
  connectStockClient,
  waitFor,
  type StockClient,
} from '../../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../../support/test-server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;
let workspace: Workspace;
let otherWorkspace: Workspace;
let documentId: string;
let otherDocumentId: string;
const clients: StockClient[] = [];
const sockets: WebSocket[] = [];
const extraServers: TestServer[] = [];

beforeEach(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  otherWorkspace = await createWorkspace(server.url, 'Lakeview USD');
  documentId = await createDocumentIn(server.url, workspace, {
    title: 'Riverside barriers',
    template: 'barriers',
  });
  otherDocumentId = await createDocumentIn(server.url, otherWorkspace, {
    title: 'Lakeview barriers',
    template: 'barriers',
  });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const extra of extraServers.splice(0)) await extra.stop();
  await server.stop();
});

function client(id: string, token: string): StockClient {
  const created = connectStockClient(server.url, id, token);
  clients.push(created);
  return created;
}

interface UpgradeAnswer {
  /** The HTTP status when the server refused the upgrade; 101 when the socket opened. */
  readonly status: number;
  /** Bytes of the refusal's body, or of the first frames if it opened. */
  readonly bytes: Buffer;
}

/** Asks to open a sync socket and records what the server answers, within 5 s. */
async function tryUpgrade(id: string, token: string | null): Promise<UpgradeAnswer> {
  const url = new URL(`/sync/${id}`, server.url);
  if (token !== null) url.searchParams.set('token', token);
  const socket = new WebSocket(url.href.replace(/^http/, 'ws'));
  sockets.push(socket);
  return within(
    new Promise<UpgradeAnswer>((resolve, reject) => {
      socket.once('unexpected-response', (_request, response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, bytes: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      });
      socket.once('open', () => {
        // Opened: collect whatever the server sends first, so the test can show it.
        const frames: Buffer[] = [];
        socket.on('message', (data: Buffer) => frames.push(data));
        setTimeout(() => resolve({ status: 101, bytes: Buffer.concat(frames) }), 200);
      });
      socket.once('error', (error) => {
        if (!/Unexpected server response/.test(error.message)) reject(error);
      });
    }),
    5_000,
    'the server to answer the upgrade',
  );
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: unknown };
  return typeof body.error === 'string' ? body.error : '';
}

describe('opening a sync socket', () => {
  test.each([
    ['no token', () => ({ id: documentId, token: null })],
    ['a wrong token', () => ({ id: documentId, token: 'not-a-token-anyone-was-given' })],
    ["another workspace's token", () => ({ id: documentId, token: otherWorkspace.tokens.owner })],
    [
      'a token for a document id that does not exist',
      () => ({ id: 'no-such-document-id', token: workspace.tokens.owner }),
    ],
    [
      "a token for another workspace's document",
      () => ({ id: otherDocumentId, token: workspace.tokens.owner }),
    ],
  ])(
    'with %s is refused with HTTP 401 before the upgrade, and no byte of the document is sent',
    async (_name, request) => {
      const { id, token } = request();
      const answer = await tryUpgrade(id, token);
      expect(answer.status).toBe(401);
      // The refusal is written on the raw TCP socket with Content-Length: 0.
      expect(answer.bytes.byteLength).toBe(0);
    },
  );

  test('a raw socket with a bad token fails with an unexpected 401 response, never opens', async () => {
    const raw = connectRaw(server.url, documentId, 'not-a-token-anyone-was-given');
    sockets.push(raw.socket);
    await expect(within(raw.opened, 5_000, 'the upgrade answer')).rejects.toThrow('HTTP 401');
    expect(raw.received).toEqual([]);
  });

  test('a valid token of the workspace opens the socket and the document syncs', async () => {
    const viewer = client(documentId, workspace.tokens.viewer);
    await waitFor('the viewer to sync', () => viewer.provider.synced, 5_000);
    expect(readMeta(viewer.doc).value.title).toBe('Riverside barriers');
  });
});

describe('the REST API', () => {
  test('answers 401 to a request without a token', async () => {
    const paths: [string, { body?: unknown }][] = [
      [`/api/workspaces/${workspace.id}`, {}],
      [`/api/workspaces/${workspace.id}/documents`, {}],
      [`/api/workspaces/${workspace.id}/documents`, { body: { title: 'Sneaky' } }],
      [`/api/documents/${documentId}/export?format=md`, {}],
      [`/api/documents/${documentId}/versions`, {}],
      [`/api/documents/${documentId}/versions`, { body: { label: 'Sneaky' } }],
      [`/api/workspaces/${workspace.id}/tokens/editor`, { body: {} }],
    ];
    for (const [path, init] of paths) {
      const response = await api(server.url, path, init);
      expect(response.status, path).toBe(401);
      expect(await errorOf(response), path).not.toBe('');
    }
  });

  test("answers 403 to another workspace's token on a workspace's documents", async () => {
    for (const token of Object.values(otherWorkspace.tokens)) {
      const response = await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
        token,
      });
      expect(response.status).toBe(403);
      expect(await errorOf(response)).not.toBe('');
    }
  });

  test("answers 404 to another workspace's token on a document, as if it did not exist", async () => {
    for (const token of Object.values(otherWorkspace.tokens)) {
      const exported = await api(server.url, `/api/documents/${documentId}/export?format=md`, {
        token,
      });
      expect(exported.status).toBe(404);
      const body = await exported.text();
      expect(body).not.toContain('Riverside barriers');
      const versions = await api(server.url, `/api/documents/${documentId}/versions`, { token });
      expect(versions.status).toBe(404);
    }
  });

  test('a viewer cannot create documents or versions: 403 with a message', async () => {
    const created = await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
      token: workspace.tokens.viewer,
      body: { title: 'From a viewer' },
    });
    expect(created.status).toBe(403);
    expect(await errorOf(created)).toMatch(/editor/);
    const version = await api(server.url, `/api/documents/${documentId}/versions`, {
      token: workspace.tokens.viewer,
      body: { label: 'From a viewer' },
    });
    expect(version.status).toBe(403);
    expect(await errorOf(version)).toMatch(/editor/);
    const list = (await (
      await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
        token: workspace.tokens.viewer,
      })
    ).json()) as { title: string }[];
    expect(list.map((document) => document.title)).toEqual(['Riverside barriers']);
    const versions = (await (
      await api(server.url, `/api/documents/${documentId}/versions`, {
        token: workspace.tokens.viewer,
      })
    ).json()) as unknown[];
    expect(versions).toEqual([]);
  });

  test('an editor can create documents and versions', async () => {
    const created = await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
      token: workspace.tokens.editor,
      body: { title: 'From an editor' },
    });
    expect(created.status).toBe(201);
    const version = await api(server.url, `/api/documents/${documentId}/versions`, {
      token: workspace.tokens.editor,
      body: { label: 'Before kickoff' },
    });
    expect(version.status).toBe(201);
  });
});

describe('creating a workspace on a server with PATHWAYS_ADMIN_TOKEN', () => {
  test('needs the administrator token as a Bearer token', async () => {
    const guarded = await startTestServer({ PATHWAYS_ADMIN_TOKEN: 'x' });
    extraServers.push(guarded);
    const anonymous = await api(guarded.url, '/api/workspaces', {
      body: { name: 'Anonymous USD' },
    });
    expect(anonymous.status).toBe(401);
    expect(await errorOf(anonymous)).toMatch(/administrator token/);
    const wrong = await api(guarded.url, '/api/workspaces', {
      token: 'y',
      body: { name: 'Guessing USD' },
    });
    expect(wrong.status).toBe(401);
    const admitted = await api(guarded.url, '/api/workspaces', {
      token: 'x',
      body: { name: 'Admitted USD' },
    });
    expect(admitted.status).toBe(201);
    expect(await admitted.json()).toMatchObject({
      name: 'Admitted USD',
      tokens: { owner: expect.any(String), editor: expect.any(String), viewer: expect.any(String) },
    });
  });
});

describe('replacing a link (token rotation)', () => {
  async function rotate(
    role: 'editor' | 'viewer',
    token = workspace.tokens.owner,
  ): Promise<Response> {
    return api(server.url, `/api/workspaces/${workspace.id}/tokens/${role}`, { token, body: {} });
  }

  test('R9/R15: closes open sockets of the old link with 4401, refuses the old token, and accepts the new one', async () => {
    const oldToken = workspace.tokens.editor;
    const raw = await openRaw(connectRaw(server.url, documentId, oldToken));
    sockets.push(raw.socket);
    const stock = client(documentId, oldToken);
    const viewer = client(documentId, workspace.tokens.viewer);
    await waitFor(
      'both stock clients to sync',
      () => stock.provider.synced && viewer.provider.synced,
      5_000,
    );
    const stockClosed = new Promise<{ code: number; reason: string }>((resolve) =>
      stock.provider.once('closed', (event: { code: number; reason: string }) => resolve(event)),
    );

    const response = await rotate('editor');
    expect(response.status).toBe(200);
    const { role, token: newToken } = (await response.json()) as { role: string; token: string };
    expect(role).toBe('editor');
    expect(newToken).not.toBe(oldToken);
    expect(newToken.length).toBeGreaterThanOrEqual(24);

    const rawClose = await closeOf(raw);
    expect(rawClose.code).toBe(4401);
    expect(rawClose.reason).not.toBe('');
    // A stock client treats 4400–4499 as final: it reports the close and stops reconnecting.
    const stockClose = await within(stockClosed, 5_000, 'the stock client to report the close');
    expect(stockClose.code).toBe(4401);
    expect(stock.provider.shouldConnect).toBe(false);
    // The viewer's link was not replaced: its socket stays.
    expect(viewer.provider.wsconnected).toBe(true);

    expect((await tryUpgrade(documentId, oldToken)).status).toBe(401);
    expect(
      (await api(server.url, `/api/workspaces/${workspace.id}/documents`, { token: oldToken }))
        .status,
    ).toBe(401);
    expect(
      (await api(server.url, `/api/documents/${documentId}/export?format=md`, { token: oldToken }))
        .status,
    ).toBe(401);

    expect(
      (await api(server.url, `/api/workspaces/${workspace.id}/documents`, { token: newToken }))
        .status,
    ).toBe(200);
    const renewed = client(documentId, newToken);
    await waitFor('the client with the new link to sync', () => renewed.provider.synced, 5_000);
    writeTitle(renewed.doc, 'Edited with the new link');
    await waitFor(
      'the edit to reach the viewer',
      () => readMeta(viewer.doc).value.title === 'Edited with the new link',
      5_000,
    );
  });

  // Connection.close() only starts the close handshake; a client that never answers it must
  // still be unable to write from that moment on.
  test('R9: a socket whose link was replaced can change nothing more, even if it never completes the close', async () => {
    const owner = client(documentId, workspace.tokens.owner);
    await waitFor('the owner to sync', () => owner.provider.synced, 5_000);
    const raw = await openRaw(connectRaw(server.url, documentId, workspace.tokens.editor));
    sockets.push(raw.socket);
    // A client that stops reading never sees the close frame, so it never answers it.
    raw.socket.pause();
    expect((await rotate('editor')).status).toBe(200);

    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(owner.doc));
    replica.on('update', (update: Uint8Array) => raw.socket.send(encodeUpdateFrame(update)));
    writeTitle(replica, 'Written with a revoked link');
    await quietWindow(500);

    expect(readMeta(owner.doc).value.title).toBe('Riverside barriers');
    const exported = await api(server.url, `/api/documents/${documentId}/export?format=md`, {
      token: workspace.tokens.owner,
    });
    expect(await exported.text()).not.toContain('Written with a revoked link');
  });

  test('a viewer or an editor cannot replace a link: 403', async () => {
    for (const token of [workspace.tokens.viewer, workspace.tokens.editor]) {
      for (const role of ['editor', 'viewer'] as const) {
        const response = await rotate(role, token);
        expect(response.status).toBe(403);
        expect(await errorOf(response)).toMatch(/owner/);
      }
    }
    // Nothing changed: the old links still work.
    expect(
      (
        await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
          token: workspace.tokens.editor,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
          token: workspace.tokens.viewer,
        })
      ).status,
    ).toBe(200);
  });

  test("another workspace's owner cannot replace this workspace's links: 403", async () => {
    const response = await rotate('editor', otherWorkspace.tokens.owner);
    expect(response.status).toBe(403);
  });
});

describe('storing tokens', () => {
  test('only their SHA-256 hashes are stored; no plaintext token is anywhere in the data directory', async () => {
    const rotated = (await (
      await api(server.url, `/api/workspaces/${workspace.id}/tokens/viewer`, {
        token: workspace.tokens.owner,
        body: {},
      })
    ).json()) as { token: string };
    const plaintext = [
      ...Object.values(workspace.tokens).filter((token) => token !== workspace.tokens.viewer),
      rotated.token,
      ...Object.values(otherWorkspace.tokens),
    ];
    const sha256 = (token: string): string => createHash('sha256').update(token).digest('hex');

    const db = new Database(join(server.dataDir, 'pathways.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      const rows = db.prepare('SELECT hash, workspace_id, role FROM tokens').all() as {
        hash: string;
        workspace_id: string;
        role: string;
      }[];
      expect(rows).toHaveLength(6);
      const hashes = rows.map((row) => row.hash);
      for (const token of plaintext) {
        expect(hashes).not.toContain(token);
        expect(hashes).toContain(sha256(token));
      }
      for (const row of rows)
        for (const token of plaintext)
          expect(row.hash.includes(token) || row.workspace_id.includes(token)).toBe(false);
    } finally {
      db.close();
    }

    // The database file and its write-ahead log, byte for byte: no token in any table, page or log.
    const files = readdirSync(server.dataDir).filter((name) => name.startsWith('pathways.sqlite'));
    expect(files).toContain('pathways.sqlite');
    for (const name of files) {
      const bytes = readFileSync(join(server.dataDir, name));
      for (const token of plaintext)
        expect(bytes.includes(Buffer.from(token)), `${token} in ${name}`).toBe(false);
    }
  });
});
