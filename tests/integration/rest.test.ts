import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  addRow,
  readDocument,
  readTable,
  setCell,
  writeSmallCellThreshold,
} from '../../core/schema/index.ts';
import {
  MEETING_COLUMNS as M,
  MEETINGS_SECTION_ID,
  METRICS_COLUMNS,
  METRICS_SECTION_ID,
} from '../../core/templates/index.ts';
import { connectStockClient, waitFor } from '../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  TEST_METRICS_TOKEN,
  type Workspace,
} from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let workspace: Workspace;

beforeEach(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url, 'Riverside USD');
});
afterEach(async () => {
  await server.stop();
});

describe('workspaces', () => {
  test('creating one returns its id, name and three distinct role tokens', async () => {
    expect(workspace).toMatchObject({ id: expect.any(String), name: 'Riverside USD' });
    const tokens = Object.values(workspace.tokens);
    expect(new Set(tokens).size).toBe(3);
    expect(tokens.every((token) => token.length >= 32)).toBe(true);
  });

  test('a member can read its name and role', async () => {
    const response = await api(server.url, `/api/workspaces/${workspace.id}`, {
      token: workspace.tokens.viewer,
    });
    expect(await response.json()).toEqual({
      id: workspace.id,
      name: 'Riverside USD',
      role: 'viewer',
      signInRequired: false,
    });
  });

  test('a missing or malformed body gets a 400 that says what to send', async () => {
    const noBody = await fetch(new URL('/api/workspaces', server.url), { method: 'POST' });
    expect(noBody.status).toBe(400);
    expect(await noBody.json()).toEqual({ error: expect.stringContaining('"name"') });
    const blank = await api(server.url, '/api/workspaces', { body: { name: '   ' } });
    expect(blank.status).toBe(400);
    expect(await blank.json()).toEqual({
      error: '"name" must be a non-empty text.',
      field: 'name',
    });
  });
});

describe('documents', () => {
  test('are created from a template or blank and listed with title, template and last change', async () => {
    const calendar = await createDocumentIn(server.url, workspace, {
      title: 'Meeting calendar 2026-27',
      template: 'meeting-calendar',
    });
    const blank = await createDocumentIn(server.url, workspace, { title: 'Loose notes' });
    const list = (await (
      await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
        token: workspace.tokens.viewer,
      })
    ).json()) as Record<string, unknown>[];
    expect(list).toHaveLength(2);
    expect(list).toEqual(
      expect.arrayContaining([
        {
          id: calendar,
          title: 'Meeting calendar 2026-27',
          template: 'meeting-calendar',
          updatedAt: expect.any(String),
        },
        { id: blank, title: 'Loose notes', template: null, updatedAt: expect.any(String) },
      ]),
    );
  });

  test('an unknown template is refused with the way to find the real ones', async () => {
    const response = await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
      token: workspace.tokens.editor,
      body: { title: 'x', template: 'budget' },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: expect.stringContaining('GET /api/templates'),
      field: 'template',
    });
  });
});

describe('exports', () => {
  test('serve Markdown, print HTML, CSV of a chosen table and iCalendar with the right types', async () => {
    const id = await createDocumentIn(server.url, workspace, {
      title: 'Meeting calendar',
      template: 'meeting-calendar',
    });
    const editor = connectStockClient(server.url, id, workspace.tokens.editor);
    await editor.synced;
    const row = readTable(editor.doc, MEETINGS_SECTION_ID)!.value.rows[0]!.id;
    setCell(editor.doc, MEETINGS_SECTION_ID, row, M.firstDate, '2027-01-12');
    setCell(editor.doc, MEETINGS_SECTION_ID, row, M.time, '15:30');
    const ics = async () =>
      (
        await api(server.url, `/api/documents/${id}/export?format=ics`, {
          token: workspace.tokens.viewer,
        })
      ).text();
    await waitFor('the first date to be stored', async () =>
      (await ics()).includes('DTSTART:20270112T153000'),
    );
    editor.destroy();

    const expectations = [
      ['md', 'text/markdown', '# Meeting calendar'],
      ['html', 'text/html', '@page'],
      [`csv&section=${MEETINGS_SECTION_ID}`, 'text/csv', 'MOU renegotiation'],
      ['ics', 'text/calendar', 'BEGIN:VEVENT'],
    ] as const;
    for (const [format, type, content] of expectations) {
      const response = await api(server.url, `/api/documents/${id}/export?format=${format}`, {
        token: workspace.tokens.viewer,
      });
      expect(response.status, format).toBe(200);
      expect(response.headers.get('content-type'), format).toMatch(new RegExp(`^${type}`));
      expect(await response.text(), format).toContain(content);
    }
    const download = await api(server.url, `/api/documents/${id}/export?format=md`, {
      token: workspace.tokens.viewer,
    });
    expect(download.headers.get('content-disposition')).toBe(
      'attachment; filename="Meeting-calendar.md"',
    );
  });

  test('an unknown format or table is a 4xx with a message, not an empty file', async () => {
    const id = await createDocumentIn(server.url, workspace, { title: 'Notes' });
    const badFormat = await api(server.url, `/api/documents/${id}/export?format=pdf`, {
      token: workspace.tokens.viewer,
    });
    expect(badFormat.status).toBe(400);
    const noTable = await api(server.url, `/api/documents/${id}/export?format=csv`, {
      token: workspace.tokens.viewer,
    });
    expect(noTable.status).toBe(404);
    expect(await noTable.json()).toEqual({ error: 'This document has no table to export.' });
  });
});

describe('small cells', () => {
  test('every export format shows a count under the document\'s threshold as "fewer than N"', async () => {
    const id = await createDocumentIn(server.url, workspace, {
      title: 'Data review',
      template: 'data-review',
    });
    const editor = connectStockClient(server.url, id, workspace.tokens.editor);
    await editor.synced;
    addRow(editor.doc, METRICS_SECTION_ID, {
      values: {
        [METRICS_COLUMNS.period]: '2026-09',
        [METRICS_COLUMNS.provider]: 'Harbor',
        [METRICS_COLUMNS.referred]: 7,
      },
    });
    const exported = async (format: string) =>
      (
        await api(server.url, `/api/documents/${id}/export?format=${format}`, {
          token: workspace.tokens.viewer,
        })
      ).text();
    await waitFor('the row to be stored', async () => (await exported('md')).includes('Harbor'));
    for (const format of ['md', 'html', `csv&section=${METRICS_SECTION_ID}`]) {
      const body = await exported(format);
      expect(body, format).toContain('fewer than 10');
      expect(body, format).not.toMatch(/Harbor\W+7\b/);
    }
    writeSmallCellThreshold(editor.doc, 5);
    await waitFor(
      'the new threshold to apply',
      async () => !(await exported('md')).includes('fewer than'),
    );
    editor.destroy();
  });
});

describe('versions', () => {
  test('a named version lists newest first and reads back as the whole document in one update', async () => {
    const id = await createDocumentIn(server.url, workspace, {
      title: 'Data review',
      template: 'data-review',
    });
    const created = await api(server.url, `/api/documents/${id}/versions`, {
      token: workspace.tokens.editor,
      body: { label: 'After kickoff meeting' },
    });
    expect(created.status).toBe(201);
    const version = (await created.json()) as { id: string; label: string; createdAt: string };
    expect(version).toEqual({
      id: expect.any(String),
      label: 'After kickoff meeting',
      createdAt: expect.any(String),
    });
    await api(server.url, `/api/documents/${id}/versions`, {
      token: workspace.tokens.editor,
      body: { label: 'Second' },
    });

    const list = (await (
      await api(server.url, `/api/documents/${id}/versions`, { token: workspace.tokens.viewer })
    ).json()) as { label: string }[];
    expect(list.map((entry) => entry.label)).toEqual(['Second', 'After kickoff meeting']);

    const binary = await api(server.url, `/api/documents/${id}/versions/${version.id}`, {
      token: workspace.tokens.viewer,
    });
    expect(binary.headers.get('content-type')).toBe('application/octet-stream');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await binary.arrayBuffer()));
    expect(readDocument(doc).value.meta.title).toBe('Data review');
    expect(readDocument(doc).problems).toEqual([]);

    const missing = await api(server.url, `/api/documents/${id}/versions/nope`, {
      token: workspace.tokens.viewer,
    });
    expect(missing.status).toBe(404);
  });
});

describe('operations', () => {
  test('health answers 200 and metrics expose rooms, sockets, updates and persist latency', async () => {
    expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
    // Screens set their agenda clock from the Date header of a HEAD request.
    const head = await fetch(new URL('/healthz', server.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Date.parse(head.headers.get('date') ?? '')).not.toBeNaN();
    const metrics = await (await api(server.url, '/metrics', { token: TEST_METRICS_TOKEN })).text();
    for (const name of [
      'pathways_rooms',
      'pathways_sockets',
      'pathways_updates_total',
      'pathways_update_bytes_total',
      'pathways_persist_seconds_bucket',
    ]) {
      expect(metrics).toContain(name);
    }
  });
});
