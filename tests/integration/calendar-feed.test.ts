import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readTable, setCell } from '../../core/schema/index.ts';
import { MEETING_COLUMNS as M, MEETINGS_SECTION_ID } from '../../core/templates/index.ts';
import { connectStockClient, waitFor } from '../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

/**
 * The meeting calendar's subscribe URL: calendar apps fetch it without headers, so the iCalendar
 * export (and only it) takes the token in the query string.
 */
let server: Awaited<ReturnType<typeof startTestServer>>;
let workspace: Workspace;
let calendarId: string;

const feedUrl = (token: string, format = 'ics') =>
  new URL(
    `/api/documents/${calendarId}/export?format=${format}&token=${encodeURIComponent(token)}`,
    server.url,
  );

beforeAll(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  calendarId = await createDocumentIn(server.url, workspace, {
    title: 'Meeting calendar 2026-27',
    template: 'meeting-calendar',
  });
  const editor = connectStockClient(server.url, calendarId, workspace.tokens.editor);
  await editor.synced;
  const row = readTable(editor.doc, MEETINGS_SECTION_ID)!.value.rows[0]!.id;
  setCell(editor.doc, MEETINGS_SECTION_ID, row, M.firstDate, '2027-01-12');
  setCell(editor.doc, MEETINGS_SECTION_ID, row, M.time, '15:30');
  await waitFor('the first date to be stored', async () =>
    (await (await fetch(feedUrl(workspace.tokens.viewer))).text()).includes(
      'DTSTART:20270112T153000',
    ),
  );
  editor.destroy();
});
afterAll(async () => {
  await server.stop();
});

describe('the meeting calendar subscribe URL', () => {
  test('answers a calendar app that sends no header, with the viewer token in the URL, as a parseable iCalendar feed', async () => {
    const response = await fetch(feedUrl(workspace.tokens.viewer));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'inline; filename="Meeting-calendar-2026-27.ics"',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(events.length).toBeGreaterThan(0);
    expect(events.map((event) => event.startDate.toString())).toContain('2027-01-12T15:30:00');
  });

  test("any member's token works in the URL, as it does in the header", async () => {
    for (const token of [workspace.tokens.editor, workspace.tokens.owner]) {
      expect((await fetch(feedUrl(token))).status).toBe(200);
    }
  });

  test('other formats refuse a token in the URL: they still need the header', async () => {
    for (const format of ['md', 'html', 'csv']) {
      const response = await fetch(feedUrl(workspace.tokens.viewer, format));
      expect(response.status, format).toBe(401);
      expect(await response.json(), format).toEqual({
        error: expect.stringContaining('Authorization: Bearer'),
      });
    }
  });

  test("a wrong token or another workspace's token in the URL gets nothing", async () => {
    expect((await fetch(feedUrl('not-a-real-token'))).status).toBe(401);
    const other = await createWorkspace(server.url, 'Lakeside USD');
    expect((await fetch(feedUrl(other.tokens.viewer))).status).toBe(404);
  });

  test('rotating the viewer link revokes the old subscribe URL, and the new token works', async () => {
    const oldUrl = feedUrl(workspace.tokens.viewer);
    expect((await fetch(oldUrl)).status).toBe(200);
    const rotated = await api(server.url, `/api/workspaces/${workspace.id}/tokens/viewer`, {
      token: workspace.tokens.owner,
      method: 'POST',
    });
    expect(rotated.status).toBe(200);
    const { token } = (await rotated.json()) as { token: string };
    expect((await fetch(oldUrl)).status).toBe(401);
    expect((await fetch(feedUrl(token))).status).toBe(200);
  });
});

describe('the audit log of a subscribed calendar', () => {
  test("records a subscription's polls once per link and day, and every download sent with the header", async () => {
    const other = await createWorkspace(server.url, 'Hillside USD');
    const calendar = await createDocumentIn(server.url, other, {
      title: 'Meeting calendar',
      template: 'meeting-calendar',
    });
    const poll = (token: string) =>
      fetch(
        new URL(
          `/api/documents/${calendar}/export?format=ics&token=${encodeURIComponent(token)}`,
          server.url,
        ),
      );
    for (let index = 0; index < 5; index++)
      expect((await poll(other.tokens.viewer)).status).toBe(200);
    expect((await poll(other.tokens.editor)).status).toBe(200);
    for (let index = 0; index < 2; index++)
      expect(
        (
          await api(server.url, `/api/documents/${calendar}/export?format=ics`, {
            token: other.tokens.viewer,
          })
        ).status,
      ).toBe(200);
    const log = await api(server.url, `/api/workspaces/${other.id}/audit?format=jsonl`, {
      token: other.tokens.owner,
    });
    const exported = (await log.text())
      .split('\n')
      .filter((line) => line !== '')
      .map(
        (line) => JSON.parse(line) as { action: string; actor: { role?: string }; detail?: string },
      )
      .filter((event) => event.action === 'document-exported');
    expect(exported.map((event) => [event.actor.role, event.detail])).toEqual([
      ['viewer', 'ics subscription'],
      ['editor', 'ics subscription'],
      ['viewer', 'ics'],
      ['viewer', 'ics'],
    ]);
  });
});
