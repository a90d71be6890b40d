import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDistrictCalendarLink, readSchoolCalendars } from '../../core/schema/index.ts';
import { connectStockClient, waitFor } from '../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let workspace: Workspace;
let district: string;

const adapt = (body: unknown, token = workspace.tokens.editor, documentId = district) =>
  api(server.url, `/api/documents/${documentId}/school-calendars`, { token, body });

beforeAll(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  district = await createDocumentIn(server.url, workspace, {
    title: 'District meeting calendar',
    template: 'meeting-calendar',
  });
});
afterAll(async () => {
  await server.stop();
});

describe('adapting the district calendar for a school', () => {
  test('creates the school calendar tied to the district one, and lists it on the district calendar live', async () => {
    const watcher = connectStockClient(server.url, district, workspace.tokens.viewer);
    await watcher.synced;
    const response = await adapt({ school: '  Lincoln Elementary ' });
    expect(response.status).toBe(201);
    const { id, title } = (await response.json()) as { id: string; title: string };
    expect(title).toBe('Lincoln Elementary: calendar of meetings with community providers');
    await waitFor('the district calendar to list the school', () =>
      readSchoolCalendars(watcher.doc).some(
        (entry) => entry.id === id && entry.school === 'Lincoln Elementary',
      ),
    );
    watcher.destroy();
    const school = connectStockClient(server.url, id, workspace.tokens.viewer);
    await school.synced;
    expect(readDistrictCalendarLink(school.doc)).toEqual({
      calendarId: district,
      school: 'Lincoln Elementary',
    });
    school.destroy();
  });

  test.each([
    ['no school', {}, '"school"'],
    ['a blank school', { school: '   ' }, '"school"'],
    ['a school that is not text', { school: ['Lincoln'] }, '"school"'],
    ['a school name too long', { school: 'x'.repeat(121) }, '"school"'],
  ])('%s: 400 naming the field', async (_, body, named) => {
    const response = await adapt(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(named);
  });

  test('a viewer may not adapt, another workspace cannot see the calendar, and only a district calendar can be adapted', async () => {
    expect((await adapt({ school: 'Lincoln' }, workspace.tokens.viewer)).status).toBe(403);
    const other = await createWorkspace(server.url, 'Elsewhere USD');
    expect((await adapt({ school: 'Lincoln' }, other.tokens.owner)).status).toBe(404);
    const notes = await createDocumentIn(server.url, workspace, { title: 'Notes' });
    expect((await adapt({ school: 'Lincoln' }, workspace.tokens.editor, notes)).status).toBe(400);
    const { id } = (await (await adapt({ school: 'Washington Middle' })).json()) as { id: string };
    const again = await adapt({ school: 'Lincoln' }, workspace.tokens.editor, id);
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toContain(
      "already a school's calendar",
    );
  });
});
