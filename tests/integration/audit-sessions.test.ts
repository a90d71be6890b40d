import { readAudit } from '../support/audit-log.ts';
import { afterEach, describe, expect, test } from 'vitest';
import { startIdentityServer, socketWithCookie } from '../support/identity-server.ts';
import { signInWithoutBrowser } from '../support/sign-in.ts';
import { connectStockClient, waitFor, type StockClient } from '../support/sync-clients.ts';
import {
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

/** Editing sessions and the relay's own versions in the audit log (issue 18). */

const stops: (() => Promise<void>)[] = [];
const clients: StockClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const stop of stops.splice(0)) await stop();
});

/** Three changes, each its own transaction and so its own update on the wire; resolves once the server has them all. */
async function typeThreeChanges(
  client: StockClient,
  documentText: () => Promise<string>,
): Promise<void> {
  await client.synced;
  const notes = client.doc.getText('audit-test-notes');
  for (const word of ['one ', 'two ', 'three']) notes.insert(notes.length, word);
  await waitFor('the three changes to be stored', async () =>
    (await documentText()).includes('one two three'),
  );
}

const INTERVAL_OF_THREE = /^\d{4}-\d\d-\d\dT[\d:.]+Z\/\d{4}-\d\d-\d\dT[\d:.]+Z, 3 changes$/;

describe('editing sessions in the audit log', () => {
  test("a link holder's socket is summarised when it closes: the link's role, the document, from when to when, how many changes", async () => {
    const server = await startTestServer();
    stops.push(() => server.stop());
    const workspace = await createWorkspace(server.url);
    const documentId = await createDocumentIn(server.url, workspace);
    const editor = connectStockClient(server.url, documentId, workspace.tokens.editor);
    clients.push(editor);
    const viewer = connectStockClient(server.url, documentId, workspace.tokens.viewer);
    clients.push(viewer);
    const looker = connectStockClient(server.url, documentId, workspace.tokens.owner);
    clients.push(looker);
    await Promise.all([viewer.synced, looker.synced]);
    await typeThreeChanges(editor, async () => storedText(server.url, workspace, documentId));
    for (const client of clients.splice(0)) client.destroy();

    await waitFor('the session and its version to be logged', async () =>
      (await readAudit(server.url, workspace.id, { token: workspace.tokens.owner })).some(
        (event) => event.action === 'version-saved',
      ),
    );
    const events = await readAudit(server.url, workspace.id, { token: workspace.tokens.owner });
    const sessions = events.filter((event) => event.action === 'editing-session');
    // The viewer and the owner who only looked sent no change: no line for them.
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      actor: { type: 'link', role: 'editor' },
      target: documentId,
      workspace: workspace.id,
    });
    expect(sessions[0]!.detail).toMatch(INTERVAL_OF_THREE);
    const [from, to] = sessions[0]!.detail!.split(',')[0]!.split('/');
    expect(Date.parse(from!)).toBeLessThanOrEqual(Date.parse(to!));
    // Counts only: nothing the person typed is in the log.
    expect(JSON.stringify(events)).not.toContain('three');

    // R25: the session's "Session ended" version, saved by the relay itself, once.
    const versions = events.filter((event) => event.action === 'version-saved');
    expect(versions).toEqual([
      expect.objectContaining({ actor: { type: 'system' }, target: documentId }),
    ]);
    expect(versions[0]!.detail).toMatch(/^session-[0-9a-f]{32}$/);
  });

  test('a socket still open at shutdown is summarised before the server stops', async () => {
    const first = await startTestServer();
    const workspace = await createWorkspace(first.url);
    const documentId = await createDocumentIn(first.url, workspace);
    const editor = connectStockClient(first.url, documentId, workspace.tokens.editor);
    clients.push(editor);
    await typeThreeChanges(editor, async () => storedText(first.url, workspace, documentId));
    await first.stop();
    const second = await startTestServer({ DATA_DIR: first.dataDir });
    stops.push(() => second.stop());
    const sessions = (
      await readAudit(second.url, workspace.id, { token: workspace.tokens.owner })
    ).filter((event) => event.action === 'editing-session');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.detail).toMatch(INTERVAL_OF_THREE);
  });

  test("a signed-in member's session names the account", async () => {
    const server = await startIdentityServer({
      pat: { email: 'pat@riverside.example', name: 'Pat Lee' },
    });
    stops.push(() => server.stop());
    const { cookie } = await signInWithoutBrowser(server.url, 'pat');
    const created = await fetch(new URL('/api/workspaces', server.url), {
      method: 'POST',
      headers: { cookie: cookie!, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Riverside USD' }),
    });
    expect(created.status).toBe(201);
    const workspace = (await created.json()) as Workspace;
    const documentId = await createDocumentIn(server.url, workspace);
    const member = connectStockClient(server.url, documentId, null, {
      WebSocketPolyfill: socketWithCookie(cookie!, server.publicUrl),
    });
    clients.push(member);
    await typeThreeChanges(member, async () => storedText(server.url, workspace, documentId));
    for (const client of clients.splice(0)) client.destroy();
    await waitFor('the session to be logged', async () =>
      (await readAudit(server.url, workspace.id, { cookie: cookie! })).some(
        (event) => event.action === 'editing-session',
      ),
    );
    const session = (await readAudit(server.url, workspace.id, { cookie: cookie! })).find(
      (event) => event.action === 'editing-session',
    )!;
    expect(session.actor).toMatchObject({ type: 'account', name: 'Pat Lee' });
    expect(typeof session.actor.id).toBe('string');
  });
});

/** The document's `audit-test-notes` text as the server holds it. */
async function storedText(
  baseUrl: string,
  workspace: Workspace,
  documentId: string,
): Promise<string> {
  const probe = connectStockClient(baseUrl, documentId, workspace.tokens.viewer);
  try {
    await probe.synced;
    return probe.doc.getText('audit-test-notes').toString();
  } finally {
    probe.destroy();
  }
}
