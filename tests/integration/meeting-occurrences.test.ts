import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  readOccurrenceMeta,
  readOccurrenceRequests,
  readTable,
  setCell,
} from '../../core/schema/index.ts';
import {
  MEETING_COLUMNS as M,
  MEETINGS_SECTION_ID,
  NEXT_STEPS_SECTION_ID,
} from '../../core/templates/index.ts';
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
let calendarId: string;
let rowId: string;

const open = (body: unknown, token = workspace.tokens.editor, documentId = calendarId) =>
  api(server.url, `/api/documents/${documentId}/occurrences`, { token, body });

beforeAll(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  calendarId = await createDocumentIn(server.url, workspace, {
    title: 'Meeting calendar',
    template: 'meeting-calendar',
  });
  const editor = connectStockClient(server.url, calendarId, workspace.tokens.editor);
  await editor.synced;
  const table = readTable(editor.doc, MEETINGS_SECTION_ID)!.value;
  rowId = table.rows.find((row) =>
    JSON.stringify(row.cells[M.meeting]).includes('Student progress update'),
  )!.id;
  setCell(editor.doc, MEETINGS_SECTION_ID, rowId, M.firstDate, '2027-01-13');
  setCell(editor.doc, MEETINGS_SECTION_ID, rowId, M.owner, 'Dana Reyes');
  setCell(editor.doc, MEETINGS_SECTION_ID, rowId, M.time, '15:30');
  await waitFor('the first date to be stored', async () =>
    (
      await (
        await api(server.url, `/api/documents/${calendarId}/export?format=ics`, {
          token: workspace.tokens.viewer,
        })
      ).text()
    ).includes('DTSTART:20270113T153000'),
  );
  editor.destroy();
});
afterAll(async () => {
  await server.stop();
});

describe('opening the meeting of a date', () => {
  test('twelve people asking at once get one document: one creation, eleven finding it', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => open({ row: rowId, date: '2027-01-27' })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as {
      id: string;
      created: boolean;
    }[];
    expect(new Set(bodies.map((body) => body.id))).toEqual(
      new Set([`${calendarId}.${rowId}.2027-01-27`]),
    );
    expect(bodies.filter((body) => body.created)).toHaveLength(1);
    const list = (await (
      await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
        token: workspace.tokens.viewer,
      })
    ).json()) as { id: string; template: string }[];
    expect(list.filter((document) => document.id.startsWith(`${calendarId}.`))).toEqual([
      expect.objectContaining({ id: bodies[0]!.id, template: 'meeting' }),
    ]);
  });

  test('two servers on one database asked at once still make one document (the primary key decides)', async () => {
    const second = await startTestServer({ DATA_DIR: server.dataDir });
    try {
      const ask = (url: string) =>
        api(url, `/api/documents/${calendarId}/occurrences`, {
          token: workspace.tokens.editor,
          body: { row: rowId, date: '2027-05-05' },
        });
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, index) => ask(index % 2 === 0 ? server.url : second.url)),
      );
      const bodies = (await Promise.all(responses.map((response) => response.json()))) as {
        id: string;
        created: boolean;
      }[];
      expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
      expect(
        responses.every((response) => response.status === 200 || response.status === 201),
      ).toBe(true);
      expect(new Set(bodies.map((body) => body.id)).size).toBe(1);
    } finally {
      await second.stop();
    }
  });

  test('asking again later finds the same document', async () => {
    const first = await open({ row: rowId, date: '2027-02-10' });
    const again = await open({ row: rowId, date: '2027-02-10' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(
      ((await first.json()) as { id: string }).id,
    );
  });

  test('the calendar records the new document for everyone who has it open', async () => {
    const watcher = connectStockClient(server.url, calendarId, workspace.tokens.viewer);
    await watcher.synced;
    const { id } = (await (await open({ row: rowId, date: '2027-04-07' })).json()) as {
      id: string;
    };
    await waitFor('the calendar to record the document', () =>
      readOccurrenceRequests(watcher.doc).some(
        (request) => request.occurrenceId === id && request.createdAt !== null,
      ),
    );
    watcher.destroy();
  });

  test('the document is prefilled from its row and names the meeting before it', async () => {
    await open({ row: rowId, date: '2027-03-10' });
    const response = await open({ row: rowId, date: '2027-03-24' });
    const { id, title } = (await response.json()) as { id: string; title: string };
    expect(title).toBe('Student progress update · Wednesday, March 24, 2027');
    const reader = connectStockClient(server.url, id, workspace.tokens.viewer);
    await reader.synced;
    expect(readOccurrenceMeta(reader.doc).value).toEqual({
      calendarId,
      rowId,
      date: '2027-03-24',
      previousId: `${calendarId}.${rowId}.2027-03-10`,
    });
    expect(readTable(reader.doc, NEXT_STEPS_SECTION_ID)).not.toBeNull();
    const markdown = await (
      await api(server.url, `/api/documents/${id}/export?format=md`, {
        token: workspace.tokens.viewer,
      })
    ).text();
    for (const expected of [
      'Dana Reyes',
      '15:30 (60 minutes)',
      'School-employed mental health providers',
      'Track how services',
    ])
      expect(markdown).toContain(expected);
    reader.destroy();
  });
});

describe('what the route refuses', () => {
  test.each([
    ['a row that is not an id', { row: { $ne: null }, date: '2027-01-27' }, '"row"'],
    ['a row id with other characters', { row: '../etc', date: '2027-01-27' }, '"row"'],
    ['a row not in the table', { row: 'zzzzzzzzzzzzzz', date: '2027-01-27' }, '"row"'],
    ['no date', { row: 'ROW' }, '"date"'],
    ['a date that does not exist', { row: 'ROW', date: '2027-02-30' }, '"date"'],
    ['a date with a time', { row: 'ROW', date: '2027-01-27T10:00:00Z' }, '"date"'],
    [
      'a date that is not one of the meeting',
      { row: 'ROW', date: '2027-01-28' },
      '"date" 2027-01-28 is not a date of "Student progress update"',
    ],
    ['a date before the first', { row: 'ROW', date: '2026-12-30' }, '"date"'],
    ['a list for a body', ['ROW', '2027-01-27'], 'JSON object'],
  ])('%s: 400 naming the field', async (_, body, named) => {
    const withRow = JSON.parse(JSON.stringify(body).replaceAll('ROW', rowId)) as unknown;
    const response = await open(withRow);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(named);
  });

  test('a body that is not JSON: 400 saying what to send', async () => {
    const response = await fetch(new URL(`/api/documents/${calendarId}/occurrences`, server.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${workspace.tokens.editor}`,
        'content-type': 'application/json',
      },
      body: '{"row":',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('"date"');
  });

  test('a viewer may not open a meeting, another workspace cannot see the calendar, and a document that is not a calendar has no meetings', async () => {
    expect((await open({ row: rowId, date: '2027-01-27' }, workspace.tokens.viewer)).status).toBe(
      403,
    );
    const other = await createWorkspace(server.url, 'Elsewhere USD');
    expect((await open({ row: rowId, date: '2027-01-27' }, other.tokens.owner)).status).toBe(404);
    const notes = await createDocumentIn(server.url, workspace, { title: 'Notes' });
    const response = await open({ row: rowId, date: '2027-01-27' }, workspace.tokens.editor, notes);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('no meetings table');
  });

  test('nothing was created by a refused request', async () => {
    const list = (await (
      await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
        token: workspace.tokens.viewer,
      })
    ).json()) as { id: string }[];
    expect(
      list
        .map((document) => document.id)
        .filter((id) => id.startsWith(`${calendarId}.`))
        .sort(),
    ).toEqual(
      ['2027-01-27', '2027-02-10', '2027-03-10', '2027-03-24', '2027-04-07', '2027-05-05'].map(
        (date) => `${calendarId}.${rowId}.${date}`,
      ),
    );
  });
});
