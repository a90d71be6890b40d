import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  startIdentityServer,
  socketWithCookie,
  type IdentityTestServer,
} from '../support/identity-server.ts';
import { signInWithoutBrowser } from '../support/sign-in.ts';
import { connectStockClient, waitFor, type StockClient } from '../support/sync-clients.ts';
import { createDocumentIn, type Workspace } from '../support/test-server.ts';

/** The relay checks presence that names a signed-in account against the socket's session (issue 18). */

let server: IdentityTestServer;
let workspace: Workspace;
let documentId: string;
let patCookie: string;
let patId: string;
const clients: StockClient[] = [];

beforeAll(async () => {
  server = await startIdentityServer({ pat: { email: 'pat@riverside.example', name: 'Pat Lee' } });
  patCookie = (await signInWithoutBrowser(server.url, 'pat')).cookie!;
  const created = await fetch(new URL('/api/workspaces', server.url), {
    method: 'POST',
    headers: { cookie: patCookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Riverside USD' }),
  });
  workspace = (await created.json()) as Workspace;
  documentId = await createDocumentIn(server.url, workspace);
  patId = (
    (await (
      await fetch(new URL('/api/me', server.url), { headers: { cookie: patCookie } })
    ).json()) as { id: string }
  ).id;
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(async () => {
  await server?.stop();
});

function open(token: string | null, cookie?: string): StockClient {
  const client = connectStockClient(
    server.url,
    documentId,
    token,
    cookie === undefined ? {} : { WebSocketPolyfill: socketWithCookie(cookie, server.publicUrl) },
  );
  clients.push(client);
  return client;
}

const namesSeenBy = (client: StockClient) =>
  [...client.provider.awareness.getStates().entries()]
    .filter(([id]) => id !== client.doc.clientID)
    .map(
      ([, state]) => (state as { user?: { id?: string; name?: string; account?: string } }).user,
    );

describe('signed-in people in presence', () => {
  test("a signed-in member's presence with their account and name reaches the others", async () => {
    const watcher = open(workspace.tokens.viewer);
    const pat = open(null, patCookie);
    await Promise.all([watcher.synced, pat.synced]);
    pat.provider.awareness.setLocalStateField('user', {
      id: `account-${patId}`,
      name: 'Pat Lee',
      color: '#1f5fa8',
      account: patId,
    });
    await waitFor("Pat's presence at the watcher", () =>
      namesSeenBy(watcher).some((user) => user?.account === patId && user.name === 'Pat Lee'),
    );
  });

  test("a share-link client cannot appear as someone's signed-in account, nor can the account's holder under another name", async () => {
    const watcher = open(workspace.tokens.viewer);
    const forger = open(workspace.tokens.editor);
    const pat = open(null, patCookie);
    await Promise.all([watcher.synced, forger.synced, pat.synced]);
    forger.provider.awareness.setLocalStateField('user', {
      id: `account-${patId}`,
      name: 'Pat Lee',
      color: '#1f5fa8',
      account: patId,
    });
    pat.provider.awareness.setLocalStateField('user', {
      id: `account-${patId}`,
      name: 'The Principal',
      color: '#1f5fa8',
      account: patId,
    });
    // A guest name that is not an account claim goes through as ever, and comes after the forgeries.
    const guest = open(workspace.tokens.editor);
    await guest.synced;
    guest.provider.awareness.setLocalStateField('user', {
      id: 'p-guest',
      name: 'Pat Lee',
      color: '#2c6e3f',
    });
    await waitFor('the guest at the watcher', () =>
      namesSeenBy(watcher).some((user) => user?.id === 'p-guest'),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(namesSeenBy(watcher).filter((user) => user?.account !== undefined)).toEqual([]);
  });
});
