import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let workspace: Workspace;
let notesId: string;
let calendarId: string;

beforeAll(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  notesId = await createDocumentIn(server.url, workspace, { title: 'Notes' });
  calendarId = await createDocumentIn(server.url, workspace, {
    title: 'Meeting calendar',
    template: 'meeting-calendar',
  });
});
afterAll(async () => {
  await server.stop();
});

/** One bad field per route that takes a JSON body, with what the answer must name. */
const BAD_FIELDS: readonly {
  route: string;
  method?: string;
  token: () => string;
  path: () => string;
  body: unknown;
  field: string;
  says: RegExp;
}[] = [
  {
    route: 'POST /api/workspaces',
    token: () => '',
    path: () => '/api/workspaces',
    body: { name: 42 },
    field: 'name',
    says: /"name" must be a non-empty text/,
  },
  {
    route: 'POST /api/workspaces (too long)',
    token: () => '',
    path: () => '/api/workspaces',
    body: { name: 'x'.repeat(201) },
    field: 'name',
    says: /"name" must be at most 200 characters/,
  },
  {
    route: 'POST /api/workspaces/:ws/documents',
    token: () => workspace.tokens.editor,
    path: () => `/api/workspaces/${workspace.id}/documents`,
    body: { title: '' },
    field: 'title',
    says: /"title" must be a non-empty text/,
  },
  {
    route: 'POST /api/workspaces/:ws/documents (template)',
    token: () => workspace.tokens.editor,
    path: () => `/api/workspaces/${workspace.id}/documents`,
    body: { template: { id: 'barriers' } },
    field: 'template',
    says: /Unknown template \(a object, not a template id\)/,
  },
  {
    route: 'POST /api/documents/:doc/versions',
    token: () => workspace.tokens.editor,
    path: () => `/api/documents/${notesId}/versions`,
    body: { label: ['a'] },
    field: 'label',
    says: /"label" must be a non-empty text/,
  },
  {
    route: 'POST /api/documents/:doc/versions (restoring)',
    token: () => workspace.tokens.editor,
    path: () => `/api/documents/${notesId}/versions`,
    body: { label: 'Before', restoring: 7 },
    field: 'restoring',
    says: /"restoring" must be the id/,
  },
  {
    route: 'POST /api/documents/:doc/school-calendars',
    token: () => workspace.tokens.editor,
    path: () => `/api/documents/${calendarId}/school-calendars`,
    body: { school: null },
    field: 'school',
    says: /"school" must be a non-empty text/,
  },
  {
    route: 'POST /api/documents/:doc/occurrences (row)',
    token: () => workspace.tokens.editor,
    path: () => `/api/documents/${calendarId}/occurrences`,
    body: { row: 'no such row!', date: '2027-01-13' },
    field: 'row',
    says: /"row" must be the id of a row/,
  },
  {
    route: 'POST /api/documents/:doc/occurrences (date)',
    token: () => workspace.tokens.editor,
    path: () => `/api/documents/${calendarId}/occurrences`,
    body: { row: 'k3j9x0a2bq81zt', date: '13/01/2027' },
    field: 'date',
    says: /"date" must be a calendar date written YYYY-MM-DD/,
  },
  {
    route: 'POST /api/workspaces/:ws/members (email)',
    token: () => workspace.tokens.owner,
    path: () => `/api/workspaces/${workspace.id}/members`,
    body: { email: 'pat.lee', role: 'editor' },
    field: 'email',
    says: /Send "email"/,
  },
  {
    route: 'POST /api/workspaces/:ws/members (role)',
    token: () => workspace.tokens.owner,
    path: () => `/api/workspaces/${workspace.id}/members`,
    body: { email: 'pat.lee@riversideusd.org', role: 'admin' },
    field: 'role',
    says: /Send "role": owner, editor or viewer/,
  },
  {
    route: 'PUT /api/workspaces/:ws/settings',
    method: 'PUT',
    token: () => workspace.tokens.owner,
    path: () => `/api/workspaces/${workspace.id}/settings`,
    body: { signInRequired: 'yes' },
    field: 'signInRequired',
    says: /Send "signInRequired": true or false/,
  },
];

describe('request bodies', () => {
  test.each(BAD_FIELDS)(
    '$route: a bad field gets a 400 {error, field} naming it',
    async ({ method, token, path, body, field, says }) => {
      const response = await api(server.url, path(), {
        token: token(),
        body,
        ...(method && { method }),
      });
      expect(response.status).toBe(400);
      const answer = (await response.json()) as { error: string; field: string };
      expect(answer).toEqual({ error: expect.stringMatching(says), field });
    },
  );

  test('a refused body changes nothing: no document, version, school calendar or member is added', async () => {
    const documents = async () =>
      (await (
        await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
          token: workspace.tokens.viewer,
        })
      ).json()) as unknown[];
    const versions = async () =>
      (await (
        await api(server.url, `/api/documents/${notesId}/versions`, {
          token: workspace.tokens.viewer,
        })
      ).json()) as unknown[];
    const members = async () =>
      (
        (await (
          await api(server.url, `/api/workspaces/${workspace.id}/members`, {
            token: workspace.tokens.owner,
          })
        ).json()) as { members: unknown[] }
      ).members;
    const before = {
      documents: await documents(),
      versions: await versions(),
      members: await members(),
    };
    for (const { method, token, path, body } of BAD_FIELDS)
      await api(server.url, path(), { token: token(), body, ...(method && { method }) });
    expect({
      documents: await documents(),
      versions: await versions(),
      members: await members(),
    }).toEqual(before);
  });

  test('a body that is not a JSON object gets a 400 with an example to send', async () => {
    const list = await api(server.url, '/api/workspaces', { body: ['Riverside USD'] });
    expect(list.status).toBe(400);
    expect(await list.json()).toEqual({
      error: 'Send a JSON object such as {"name": "Riverside USD"}.',
    });
    const broken = await fetch(new URL(`/api/documents/${notesId}/versions`, server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${workspace.tokens.editor}` },
      body: '{"label":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({
      error: 'Send a JSON body such as {"label": "After kickoff meeting"}.',
    });
  });

  test('a good body sent without a JSON content type is still read', async () => {
    const response = await fetch(new URL('/api/workspaces', server.url), {
      method: 'POST',
      body: JSON.stringify({ name: '  Lincoln USD  ' }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ name: 'Lincoln USD' });
  });
});
