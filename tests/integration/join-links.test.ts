import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  endOfDay,
  findJoinAccess,
  mintJoinLink,
  normalizeJoinCode,
  redeemJoinCode,
} from '../../sync-server/access/join-links.ts';
import { hashToken } from '../../sync-server/access/tokens.ts';
import { MemoryDocumentStore } from '../../sync-server/storage/memory-store.ts';
import { connectRaw } from '../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let workspace: Workspace;
let documentId: string;
let otherDocumentId: string;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  documentId = await createDocumentIn(server.url, workspace, {
    title: 'Working session',
    template: 'roles-working-session',
  });
  otherDocumentId = await createDocumentIn(server.url, workspace, {
    title: 'Another',
    template: 'barriers',
  });
});
afterAll(async () => {
  await server.stop();
});

interface Minted {
  url: string;
  code: string;
  codeUrl: string;
  expiresAt: string;
}

async function mint(token: string, id = documentId): Promise<Response> {
  return api(server.url, `/api/documents/${id}/join-link`, { token, body: {} });
}

describe('a join link', () => {
  test('is minted on demand for an owner or an editor, never a viewer, and ends with the day', async () => {
    for (const token of [workspace.tokens.owner, workspace.tokens.editor]) {
      const response = await mint(token);
      expect(response.status).toBe(201);
      const minted = (await response.json()) as Minted;
      expect(minted.url).toMatch(new RegExp(`/d/${documentId}\\?token=[\\w-]{20,}$`));
      expect(minted.code).toMatch(/^\d{6}$/);
      expect(minted.codeUrl).toBe(new URL(`/j/${minted.code}`, server.url).href);
      expect(Date.parse(minted.expiresAt)).toBe(endOfDay(new Date()).getTime());
      expect(minted.url).not.toContain(workspace.tokens.owner);
      expect(minted.url).not.toContain(workspace.tokens.editor);
    }
    expect((await mint(workspace.tokens.viewer)).status).toBe(403);
    expect(
      (await api(server.url, `/api/documents/${documentId}/join-link`, { method: 'POST' })).status,
    ).toBe(401);
  });

  test('opens its one document as an editor: not another document, not the workspace', async () => {
    const minted = (await (await mint(workspace.tokens.owner)).json()) as Minted;
    const token = new URL(minted.url).searchParams.get('token')!;
    const info = await api(server.url, `/api/documents/${documentId}`, { token });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ role: 'editor', documentOnly: true });
    expect((await api(server.url, `/api/documents/${otherDocumentId}`, { token })).status).toBe(
      404,
    );
    expect(
      (await api(server.url, `/api/workspaces/${workspace.id}/documents`, { token })).status,
    ).toBe(403);
    const socket = connectRaw(server.url, documentId, token);
    await socket.opened;
    await expect(connectRaw(server.url, otherDocumentId, token).opened).rejects.toThrow('HTTP 401');
    socket.socket.close();
  });

  test('its short code gives a phone a token of the same link; a wrong code gets a 404 in words', async () => {
    const minted = (await (await mint(workspace.tokens.editor)).json()) as Minted;
    const answer = await api(server.url, `/api/join/${minted.code}`, { method: 'POST' });
    expect(answer.status).toBe(200);
    const { documentId: joined, token } = (await answer.json()) as {
      documentId: string;
      token: string;
    };
    expect(joined).toBe(documentId);
    expect((await api(server.url, `/api/documents/${documentId}`, { token })).status).toBe(200);
    const wrong = await api(
      server.url,
      `/api/join/${minted.code === '000000' ? '000001' : '000000'}`,
      { method: 'POST' },
    );
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as { error: string }).error).toContain('code');
    expect((await api(server.url, '/api/join/not-a-code', { method: 'POST' })).status).toBe(404);
  });

  test('withdrawing it stops its tokens and codes at once and closes the sockets they opened with 4401', async () => {
    const minted = (await (await mint(workspace.tokens.editor)).json()) as Minted;
    const token = new URL(minted.url).searchParams.get('token')!;
    const socket = connectRaw(server.url, documentId, token);
    await socket.opened;
    const owners = connectRaw(server.url, documentId, workspace.tokens.owner);
    await owners.opened;
    expect(
      (
        await api(server.url, `/api/documents/${documentId}/join-link`, {
          method: 'DELETE',
          token: workspace.tokens.editor,
        })
      ).status,
    ).toBe(200);
    expect((await socket.closed).code).toBe(4401);
    expect((await api(server.url, `/api/documents/${documentId}`, { token })).status).toBe(401);
    expect((await api(server.url, `/api/join/${minted.code}`, { method: 'POST' })).status).toBe(
      404,
    );
    expect(owners.socket.readyState).toBe(owners.socket.OPEN);
    owners.socket.close();
  });
});

describe('join links in the access layer', () => {
  test('an expired token or code opens nothing; only hashes are stored', async () => {
    const store = new MemoryDocumentStore();
    await store.createWorkspace(
      { id: 'w', name: 'W', createdAt: '2026-01-01T00:00:00.000Z' },
      { owner: 'o', editor: 'e', viewer: 'v' },
    );
    await store.createDocument(
      {
        id: 'd',
        workspaceId: 'w',
        title: 'D',
        template: null,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
      new Uint8Array([0, 0]),
    );
    const morning = new Date(2026, 0, 5, 9, 0);
    const minted = await mintJoinLink(store, 'd', morning);
    expect(await store.findJoinLink(minted.token)).toBeNull();
    expect(await findJoinAccess(store, hashToken(minted.token), morning.getTime())).toEqual({
      workspaceId: 'w',
      role: 'editor',
      documentId: 'd',
    });
    const nextDay = new Date(2026, 0, 6, 0, 0, 1);
    expect(await findJoinAccess(store, hashToken(minted.token), nextDay.getTime())).toBeNull();
    expect(await redeemJoinCode(store, minted.code, nextDay)).toBeNull();
    expect(await redeemJoinCode(store, minted.code, morning)).toMatchObject({ documentId: 'd' });
  });

  test('a code is read as typed, spaces and dashes ignored', () => {
    expect(normalizeJoinCode('482 913')).toBe('482913');
    expect(normalizeJoinCode('482-913')).toBe('482913');
    expect(normalizeJoinCode('48291')).toBeNull();
    expect(normalizeJoinCode('48291x')).toBeNull();
  });
});
