import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  startIdentityServer,
  socketWithCookie,
  type IdentityTestServer,
} from '../support/identity-server.ts';
import { signInWithoutBrowser } from '../support/sign-in.ts';
import { connectStockClient, waitFor, type StockClient } from '../support/sync-clients.ts';
import { api, createDocumentIn, createWorkspace, type Workspace } from '../support/test-server.ts';

let server: IdentityTestServer;
const clients: StockClient[] = [];

const PEOPLE = {
  pat: { email: 'pat@riverside.example', name: 'Pat Lee' },
  sam: { email: 'sam@riverside.example', name: 'Sam Ortiz' },
  ray: { email: 'ray@riverside.example', name: 'Ray Nonmember' },
};

beforeAll(async () => {
  server = await startIdentityServer(PEOPLE);
});
afterAll(async () => {
  await server?.stop();
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

async function signIn(login: keyof typeof PEOPLE): Promise<string> {
  const { cookie } = await signInWithoutBrowser(server.url, login);
  return cookie!;
}

function memberClient(documentId: string, cookie: string, origin = server.publicUrl): StockClient {
  const client = connectStockClient(server.url, documentId, null, {
    WebSocketPolyfill: socketWithCookie(cookie, origin),
  });
  clients.push(client);
  return client;
}

/** Opens a raw socket with the cookie and an Origin; resolves with the HTTP status of a refusal, or 101. */
function upgradeStatus(
  documentId: string,
  cookie: string,
  origin: string,
  token?: string,
): Promise<number> {
  const url = new URL(`/sync/${documentId}`, server.url.replace(/^http/, 'ws'));
  if (token !== undefined) url.searchParams.set('token', token);
  const socket = new WebSocket(url, { headers: { cookie, origin } });
  return new Promise((resolve) => {
    socket.once('open', () => (socket.close(), resolve(101)));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
  });
}

async function invite(workspace: Workspace, email: string, role: string): Promise<{ id: string }> {
  const response = await api(server.url, `/api/workspaces/${workspace.id}/members`, {
    token: workspace.tokens.owner,
    body: { email, role },
  });
  expect([200, 201]).toContain(response.status);
  return (await response.json()) as { id: string };
}

const withCookie = (cookie: string, path: string, init: RequestInit = {}) =>
  fetch(new URL(path, server.url), {
    ...init,
    headers: { ...(init.headers as Record<string, string>), cookie },
  });

describe('members', () => {
  test('a signed-in member opens a document with no share link, and edits it live with a link holder', async () => {
    const workspace = await createWorkspace(server.url);
    const documentId = await createDocumentIn(server.url, workspace);
    await invite(workspace, 'pat@riverside.example', 'editor');
    const cookie = await signIn('pat');
    const page = await withCookie(cookie, `/api/documents/${documentId}`);
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ id: documentId, role: 'editor' });
    const member = memberClient(documentId, cookie);
    const linkHolder = connectStockClient(server.url, documentId, workspace.tokens.viewer);
    clients.push(linkHolder);
    await Promise.all([member.synced, linkHolder.synced]);
    member.doc.getMap('probe').set('from', 'member');
    await waitFor(
      "the member's edit at the link holder",
      () => linkHolder.doc.getMap('probe').get('from') === 'member',
    );
  });

  test('a signed-in person who is not a member gets nothing without a link', async () => {
    const workspace = await createWorkspace(server.url);
    const documentId = await createDocumentIn(server.url, workspace);
    const cookie = await signIn('ray');
    expect((await withCookie(cookie, `/api/documents/${documentId}`)).status).toBe(404);
    expect((await withCookie(cookie, `/api/workspaces/${workspace.id}/documents`)).status).toBe(
      401,
    );
    expect(await upgradeStatus(documentId, cookie, server.publicUrl)).toBe(401);
  });

  test('a cookie-carrying socket from another Origin is refused, and one without an Origin too', async () => {
    const workspace = await createWorkspace(server.url);
    const documentId = await createDocumentIn(server.url, workspace);
    await invite(workspace, 'pat@riverside.example', 'editor');
    const cookie = await signIn('pat');
    expect(await upgradeStatus(documentId, cookie, server.publicUrl)).toBe(101);
    expect(await upgradeStatus(documentId, cookie, 'http://evil.example')).toBe(403);
    expect(await upgradeStatus(documentId, cookie, '')).toBe(403);
    // A share link still works from anywhere: it is the capability, the cookie adds nothing there.
    expect(
      await upgradeStatus(documentId, cookie, 'http://evil.example', workspace.tokens.viewer),
    ).toBe(101);
  });

  test('removing a member closes their open sockets at once and they cannot reopen', async () => {
    const workspace = await createWorkspace(server.url);
    const documentId = await createDocumentIn(server.url, workspace);
    const { id } = await invite(workspace, 'sam@riverside.example', 'editor');
    const cookie = await signIn('sam');
    const url = new URL(`/sync/${documentId}`, server.url.replace(/^http/, 'ws'));
    const socket = new WebSocket(url, { headers: { cookie, origin: server.publicUrl } });
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const removed = await api(server.url, `/api/workspaces/${workspace.id}/members?id=${id}`, {
      token: workspace.tokens.owner,
      method: 'DELETE',
    });
    expect(removed.status).toBe(200);
    expect(await closed).toBe(4401);
    expect(await upgradeStatus(documentId, cookie, server.publicUrl)).toBe(401);
  });

  test('the effective role is the higher of membership and link; "sign-in required" refuses links alone', async () => {
    const workspace = await createWorkspace(server.url);
    const documentId = await createDocumentIn(server.url, workspace);
    await invite(workspace, 'pat@riverside.example', 'viewer');
    const cookie = await signIn('pat');
    const both = await fetch(new URL(`/api/documents/${documentId}`, server.url), {
      headers: { cookie, authorization: `Bearer ${workspace.tokens.editor}` },
    });
    expect(await both.json()).toMatchObject({ role: 'editor' });
    const setting = await api(server.url, `/api/workspaces/${workspace.id}/settings`, {
      token: workspace.tokens.owner,
      method: 'PUT',
      body: { signInRequired: true },
    });
    expect(setting.status).toBe(409);
    expect(((await setting.json()) as { error: string }).error).toContain('lock out');
    await invite(workspace, 'sam@riverside.example', 'owner');
    const owner = await signIn('sam');
    const turnedOn = await withCookie(owner, `/api/workspaces/${workspace.id}/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ signInRequired: true }),
    });
    expect(turnedOn.status).toBe(200);
    const linkAlone = await api(server.url, `/api/documents/${documentId}`, {
      token: workspace.tokens.editor,
    });
    expect(linkAlone.status).toBe(403);
    expect(((await linkAlone.json()) as { error: string }).error).toContain('requires sign-in');
    expect(
      (
        await fetch(new URL(`/api/documents/${documentId}`, server.url), {
          headers: { cookie, authorization: `Bearer ${workspace.tokens.editor}` },
        })
      ).status,
    ).toBe(200);
  });

  test('the owner lists members with names, roles and last activity; changes are in the audit log with their actor', async () => {
    const workspace = await createWorkspace(server.url);
    await invite(workspace, 'pat@riverside.example', 'viewer');
    await invite(workspace, 'new@riverside.example', 'editor');
    await signIn('pat');
    await invite(workspace, 'pat@riverside.example', 'editor');
    const list = (await (
      await api(server.url, `/api/workspaces/${workspace.id}/members`, {
        token: workspace.tokens.owner,
      })
    ).json()) as { members: Record<string, unknown>[] };
    expect(list.members).toEqual([
      expect.objectContaining({
        email: 'new@riverside.example',
        role: 'editor',
        name: null,
        joined: false,
        lastActiveAt: null,
      }),
      expect.objectContaining({
        email: 'pat@riverside.example',
        role: 'editor',
        name: 'Pat Lee',
        joined: true,
        lastActiveAt: expect.stringMatching(/Z$/),
      }),
    ]);
    expect(
      (
        await api(server.url, `/api/workspaces/${workspace.id}/members`, {
          token: workspace.tokens.editor,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api(server.url, `/api/workspaces/${workspace.id}/members`, {
          token: workspace.tokens.owner,
          body: { email: 'not an email', role: 'editor' },
        })
      ).status,
    ).toBe(400);
    const audit = (
      await (
        await api(server.url, `/api/workspaces/${workspace.id}/audit`, {
          token: workspace.tokens.owner,
        })
      ).text()
    )
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; actor: unknown; detail?: string });
    expect(audit.map((event) => [event.action, event.detail ?? null])).toEqual([
      ['workspace-created', null],
      ['member-invited', 'viewer'],
      ['member-invited', 'editor'],
      ['sign-in', null],
      ['member-role-changed', 'editor'],
    ]);
    expect(audit[4]!.actor).toEqual({ type: 'link', role: 'owner' });
  });
});
