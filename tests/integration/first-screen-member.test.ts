import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startIdentityServer, type IdentityTestServer } from '../support/identity-server.ts';
import { signInWithoutBrowser } from '../support/sign-in.ts';
import { api, createDocumentIn, createWorkspace, type Workspace } from '../support/test-server.ts';

/** The server-rendered first screen for a signed-in member who has no share link on the device. */

let server: IdentityTestServer;
let workspace: Workspace;
let documentId: string;

beforeAll(async () => {
  // A generous budget: this checks who gets a first screen, not how fast the machine renders it.
  server = await startIdentityServer(
    {
      pat: { email: 'pat@riverside.example', name: 'Pat Lee' },
      ray: { email: 'ray@riverside.example', name: 'Ray Nonmember' },
    },
    'riverside.example',
    { PATHWAYS_FIRST_SCREEN_BUDGET_MS: '5000' },
  );
  workspace = await createWorkspace(server.url);
  await api(server.url, `/api/workspaces/${workspace.id}/members`, {
    token: workspace.tokens.owner,
    body: { email: 'pat@riverside.example', role: 'viewer' },
  });
  documentId = await createDocumentIn(server.url, workspace, {
    title: 'Fall kickoff',
    template: 'roles-working-session',
  });
});
afterAll(async () => {
  await server?.stop();
});

async function documentPage(
  cookie: string | null,
): Promise<{ html: string; cacheControl: string | null }> {
  const response = await fetch(new URL(`/d/${documentId}`, server.url), {
    headers: cookie === null ? {} : { cookie },
  });
  expect(response.status).toBe(200);
  return { html: await response.text(), cacheControl: response.headers.get('cache-control') };
}

describe("a document's page for a signed-in member with no share link", () => {
  test('holds the first screen, and no cache may keep it', async () => {
    const { cookie } = await signInWithoutBrowser(server.url, 'pat');
    const { html, cacheControl } = await documentPage(cookie);
    expect(html).toContain('id="first-screen"');
    expect(html).toContain('Fall kickoff');
    expect(cacheControl).toBe('no-store');
  });

  test('is the plain app for someone signed in who is not a member, and for someone signed out', async () => {
    const { cookie } = await signInWithoutBrowser(server.url, 'ray');
    for (const page of [await documentPage(cookie), await documentPage(null)]) {
      expect(page.html).not.toContain('id="first-screen"');
      expect(page.html).not.toContain('Fall kickoff');
    }
  });
});
