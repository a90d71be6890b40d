import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;
let workspace: Workspace;

beforeEach(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url, 'Riverside USD');
});

afterEach(async () => {
  await server.stop();
});

async function readAudit(
  query = '',
  token = workspace.tokens.owner,
): Promise<Record<string, unknown>[]> {
  const response = await api(server.url, `/api/workspaces/${workspace.id}/audit${query}`, {
    token,
  });
  expect(response.status).toBe(200);
  return (await response.text())
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the audit log of a workspace', () => {
  test("holds each change made through a share link, with the link's role as its actor", async () => {
    const documentId = await createDocumentIn(server.url, workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    expect(
      (
        await api(server.url, `/api/workspaces/${workspace.id}/tokens/viewer`, {
          token: workspace.tokens.owner,
          body: {},
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api(server.url, `/api/documents/${documentId}/survey-link`, {
          token: workspace.tokens.editor,
          body: {},
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api(server.url, `/api/documents/${documentId}/survey-link`, {
          token: workspace.tokens.editor,
          method: 'DELETE',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api(server.url, `/api/documents/${documentId}/export?format=md`, {
          token: workspace.tokens.editor,
        })
      ).status,
    ).toBe(200);
    const saved = await api(server.url, `/api/documents/${documentId}/versions`, {
      token: workspace.tokens.editor,
      body: { label: 'Before restoring', restoring: 'v-old' },
    });
    expect(saved.status).toBe(201);

    const events = await readAudit();
    expect(events.map((event) => [event.action, event.actor, event.target, event.outcome])).toEqual(
      [
        ['workspace-created', { type: 'link', role: 'owner' }, workspace.id, 'success'],
        ['document-created', { type: 'link', role: 'editor' }, documentId, 'success'],
        ['link-rotated', { type: 'link', role: 'owner' }, 'viewer', 'success'],
        ['survey-link-created', { type: 'link', role: 'editor' }, documentId, 'success'],
        ['survey-link-closed', { type: 'link', role: 'editor' }, documentId, 'success'],
        ['document-exported', { type: 'link', role: 'editor' }, documentId, 'success'],
        ['version-saved', { type: 'link', role: 'editor' }, documentId, 'success'],
        ['version-restored', { type: 'link', role: 'editor' }, documentId, 'success'],
      ],
    );
    expect(events[5]!.detail).toBe('md');
    expect(events[7]!.detail).toBe('v-old');
    for (const event of events) {
      expect(event.workspace).toBe(workspace.id);
      expect(Date.parse(event.at as string)).not.toBeNaN();
      expect(event.at).toMatch(/Z$/);
      expect(typeof event.requestId).toBe('string');
    }
    // Never document content: the title given at creation appears nowhere in the log.
    expect(JSON.stringify(events)).not.toContain('Barriers');
  });

  test('filters by time, and only the owner reads it', async () => {
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await createDocumentIn(server.url, workspace, { title: 'Later' });
    expect(
      (await readAudit(`?from=${encodeURIComponent(before)}`)).map((event) => event.action),
    ).toEqual(['document-created']);
    expect(
      (await readAudit(`?to=${encodeURIComponent(before)}`)).map((event) => event.action),
    ).toEqual(['workspace-created']);
    expect(
      (
        await api(server.url, `/api/workspaces/${workspace.id}/audit`, {
          token: workspace.tokens.editor,
        })
      ).status,
    ).toBe(403);
    const bad = await api(server.url, `/api/workspaces/${workspace.id}/audit?from=yesterday`, {
      token: workspace.tokens.owner,
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('ISO-8601');
  });

  test('exports as CSV where nothing a spreadsheet would run as a formula stays one', async () => {
    const response = await fetch(
      new URL('/api/workspaces/' + workspace.id + '/documents', server.url),
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${workspace.tokens.editor}`,
          'content-type': 'application/json',
          'x-request-id': '=1-1',
        },
        body: JSON.stringify({ title: 'Notes' }),
      },
    );
    expect(response.status).toBe(201);
    const csv = await (
      await api(server.url, `/api/workspaces/${workspace.id}/audit?format=csv`, {
        token: workspace.tokens.owner,
      })
    ).text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,at,workspace,actor_type,actor_id,actor_name,action,target,outcome,request_id,detail',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(`,"'=1-1",`);
    expect(lines[2]).not.toMatch(/,=1-1,/);
  });
});
