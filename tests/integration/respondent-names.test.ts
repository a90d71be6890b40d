import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accountParticipantId } from '../../core/metrics/index.ts';
import { readDocument, setRating } from '../../core/schema/index.ts';
import { readAudit } from '../support/audit-log.ts';
import { startIdentityServer, type IdentityTestServer } from '../support/identity-server.ts';
import { signInWithoutBrowser } from '../support/sign-in.ts';
import { editStored } from '../support/sync-clients.ts';
import { api, createDocumentIn, type Workspace } from '../support/test-server.ts';

/** Issue 18: signed-in people appear by name in rubric answers, to signed-in members only. */

let server: IdentityTestServer;
let workspace: Workspace;
let documentId: string;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
const DEVICE_PARTICIPANT = 'p-linkdevice1';

const withCookie = (login: string, path: string) =>
  fetch(new URL(path, server.url), { headers: { cookie: cookies[login]! } });

/** The assessment's first rating column and its first two practices. */
function rubricCells(doc: Y.Doc): { sectionId: string; columnId: string; rowIds: string[] } {
  for (const section of readDocument(doc).value.sections) {
    if (section.kind !== 'table') continue;
    const column = section.table.columns.find((candidate) => candidate.kind === 'rating');
    if (column !== undefined)
      return {
        sectionId: section.id,
        columnId: column.id,
        rowIds: section.table.rows.slice(0, 2).map((row) => row.id),
      };
  }
  throw new Error('the assessment has no rating column');
}

beforeAll(async () => {
  server = await startIdentityServer({
    pat: { email: 'pat@riverside.example', name: 'Pat Lee' },
    sam: { email: 'sam@riverside.example', name: 'Sam Ortiz' },
    ray: { email: 'ray@riverside.example', name: 'Ray Nonmember' },
  });
  for (const login of ['pat', 'sam', 'ray']) {
    cookies[login] = (await signInWithoutBrowser(server.url, login)).cookie!;
    ids[login] = ((await (await withCookie(login, '/api/me')).json()) as { id: string }).id;
  }
  const created = await fetch(new URL('/api/workspaces', server.url), {
    method: 'POST',
    headers: { cookie: cookies.pat!, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Riverside USD' }),
  });
  workspace = (await created.json()) as Workspace;
  const invited = await api(server.url, `/api/workspaces/${workspace.id}/members`, {
    token: workspace.tokens.owner,
    body: { email: 'sam@riverside.example', role: 'viewer' },
  });
  expect(invited.status).toBe(201);
  documentId = await createDocumentIn(server.url, workspace, {
    title: 'Rubric',
    template: 'assessment',
  });
  await editStored(server.url, documentId, workspace.tokens.editor, (doc) => {
    const { sectionId, columnId, rowIds } = rubricCells(doc);
    for (const rowId of rowIds) {
      // Pat twice (two practices): named once. A link device and a non-member account: counted.
      setRating(doc, sectionId, rowId, columnId, accountParticipantId(ids.pat!), 2);
      setRating(doc, sectionId, rowId, columnId, DEVICE_PARTICIPANT, 1);
      setRating(doc, sectionId, rowId, columnId, accountParticipantId(ids.ray!), 0);
    }
  });
});
afterAll(async () => {
  await server?.stop();
});

describe('names of rubric respondents', () => {
  test('a signed-in member sees the members who answered by name, and only a count of the rest', async () => {
    const response = await withCookie('sam', `/api/documents/${documentId}/respondent-names`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const { rounds } = (await response.json()) as {
      rounds: { respondents: { account: string; name: string }[]; shareLinkRespondents: number }[];
    };
    expect(rounds).toHaveLength(1);
    expect(rounds[0]!.respondents).toEqual([{ account: ids.pat, name: 'Pat Lee' }]);
    expect(rounds[0]!.shareLinkRespondents).toBe(2);
    expect(JSON.stringify(rounds)).not.toContain('Ray');
  });

  test('a share link alone, even the owner’s, never shows names', async () => {
    for (const token of [workspace.tokens.owner, workspace.tokens.viewer]) {
      const response = await api(server.url, `/api/documents/${documentId}/respondent-names`, {
        token,
      });
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('Pat');
    }
    const people = await api(server.url, `/api/workspaces/${workspace.id}/people`, {
      token: workspace.tokens.owner,
    });
    expect(people.status).toBe(403);
  });

  test('a signed-in person who is not a member gets no names, even holding a link', async () => {
    const response = await fetch(
      new URL(`/api/documents/${documentId}/respondent-names`, server.url),
      { headers: { cookie: cookies.ray!, authorization: `Bearer ${workspace.tokens.viewer}` } },
    );
    expect(response.status).toBe(403);
    expect((await withCookie('ray', `/api/documents/${documentId}/respondent-names`)).status).toBe(
      404,
    );
  });

  test('nobody at all gets 401', async () => {
    const response = await fetch(
      new URL(`/api/documents/${documentId}/respondent-names`, server.url),
    );
    expect(response.status).toBe(401);
  });

  test('a member lists the signed-in members to pick an owner from', async () => {
    const response = await withCookie('sam', `/api/workspaces/${workspace.id}/people`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      people: [
        { account: ids.pat, name: 'Pat Lee' },
        { account: ids.sam, name: 'Sam Ortiz' },
      ],
    });
  });

  test('nothing about a respondent reaches the audit log', async () => {
    await withCookie('sam', `/api/documents/${documentId}/respondent-names`);
    const audit = JSON.stringify(
      await readAudit(server.url, workspace.id, { token: workspace.tokens.owner }),
    );
    expect(audit).not.toContain(DEVICE_PARTICIPANT);
    expect(audit).not.toContain('respondent');
    expect(audit).not.toContain(ids.ray!);
  });
});
