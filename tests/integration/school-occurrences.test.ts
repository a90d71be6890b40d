import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  readDocument,
  readOccurrenceMeta,
  writeDistrictCalendarLink,
  readOccurrenceRequests,
  readTable,
  setCell,
  writeAdaptation,
  writeDropped,
  writeSchoolRequirement,
} from '../../core/schema/index.ts';
import { MEETING_COLUMNS as M, MEETINGS_SECTION_ID } from '../../core/templates/index.ts';
import { connectStockClient, waitFor } from '../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

/** M7: a school calendar opens the district's meetings on the school's own dates, prefilled with the school's values. */
let server: Awaited<ReturnType<typeof startTestServer>>;
let workspace: Workspace;
let district: string;
let school: string;
let required: string;
let optional: string;

const open = (body: unknown, token = workspace.tokens.editor, calendar = school) =>
  api(server.url, `/api/documents/${calendar}/occurrences`, { token, body });

beforeAll(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  district = await createDocumentIn(server.url, workspace, {
    title: 'District meeting calendar',
    template: 'meeting-calendar',
  });
  const districtEditor = connectStockClient(server.url, district, workspace.tokens.editor);
  await districtEditor.synced;
  const rows = readTable(districtEditor.doc, MEETINGS_SECTION_ID)!.value.rows;
  required = rows.find((row) =>
    JSON.stringify(row.cells[M.meeting]).includes('Operational update'),
  )!.id;
  optional = rows.find((row) =>
    JSON.stringify(row.cells[M.meeting]).includes('MOU renegotiation'),
  )!.id;
  setCell(districtEditor.doc, MEETINGS_SECTION_ID, required, M.firstDate, '2027-02-01');
  setCell(districtEditor.doc, MEETINGS_SECTION_ID, required, M.time, '09:00');
  setCell(districtEditor.doc, MEETINGS_SECTION_ID, required, M.owner, 'District lead');
  setCell(districtEditor.doc, MEETINGS_SECTION_ID, optional, M.firstDate, '2027-03-01');
  writeSchoolRequirement(districtEditor.doc, required, 'all-schools');
  const response = await api(server.url, `/api/documents/${district}/school-calendars`, {
    token: workspace.tokens.editor,
    body: { school: 'Lincoln Elementary' },
  });
  school = ((await response.json()) as { id: string }).id;
  await waitFor('the district edits to be stored', async () =>
    (
      await (
        await api(server.url, `/api/documents/${district}/export?format=ics`, {
          token: workspace.tokens.viewer,
        })
      ).text()
    ).includes('20270201'),
  );
  districtEditor.destroy();

  const schoolEditor = connectStockClient(server.url, school, workspace.tokens.editor);
  await schoolEditor.synced;
  writeAdaptation(schoolEditor.doc, required, 'firstDate', '2027-02-03');
  writeAdaptation(schoolEditor.doc, required, 'time', '10:30');
  writeAdaptation(schoolEditor.doc, required, 'owner', 'Ms. Park');
  writeDropped(schoolEditor.doc, optional, true);
  const check = connectStockClient(server.url, school, workspace.tokens.viewer);
  await check.synced;
  await waitFor(
    'the school edits to reach the server',
    () => check.doc.getMap('districtAdaptations').get(`${optional}/dropped`) === true,
  );
  check.destroy();
  schoolEditor.destroy();
});
afterAll(async () => {
  await server.stop();
});

describe("opening a district meeting on a school's calendar (M7)", () => {
  test("ten people asking at once get one document, prefilled with the school's owner, time and date, listed on the school calendar", async () => {
    const watcher = connectStockClient(server.url, school, workspace.tokens.viewer);
    await watcher.synced;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => open({ row: required, date: '2027-02-03' })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([
      200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
    ]);
    const ids = new Set(
      ((await Promise.all(responses.map((response) => response.json()))) as { id: string }[]).map(
        (body) => body.id,
      ),
    );
    const id = `${school}.${required}.2027-02-03`;
    expect(ids).toEqual(new Set([id]));
    await waitFor('the school calendar to record the document', () =>
      readOccurrenceRequests(watcher.doc).some(
        (request) => request.occurrenceId === id && request.createdAt !== null,
      ),
    );
    watcher.destroy();

    const reader = connectStockClient(server.url, id, workspace.tokens.viewer);
    await reader.synced;
    expect(readOccurrenceMeta(reader.doc).value).toEqual({
      calendarId: school,
      rowId: required,
      date: '2027-02-03',
      previousId: null,
    });
    const shown = JSON.stringify(readDocument(reader.doc).value.sections[0]);
    expect(shown).toContain('Ms. Park');
    expect(shown).toContain('10:30');
    expect(shown).not.toContain('District lead');
    expect(shown).toContain('Wednesday, February 3, 2027');
    reader.destroy();
  });

  test("the district's own date is not one of the school's dates", async () => {
    const response = await open({ row: required, date: '2027-02-01' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(
      'is not a date of "Operational update"',
    );
  });

  test('a meeting the school dropped has no dates to open there', async () => {
    const response = await open({ row: optional, date: '2027-03-01' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(
      'not held at Lincoln Elementary',
    );
  });

  test('a row of neither calendar is refused, and nothing is created for a refusal', async () => {
    const response = await open({ row: 'zzzz0000', date: '2027-02-03' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain("nor of the district's");
    const list = (await (
      await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
        token: workspace.tokens.viewer,
      })
    ).json()) as { id: string }[];
    expect(
      list
        .filter((document) => document.id.startsWith(`${school}.`))
        .map((document) => document.id),
    ).toEqual([`${school}.${required}.2027-02-03`]);
  });

  test("the district calendar does not open the school's dates as its own", async () => {
    const response = await open(
      { row: required, date: '2027-02-03' },
      workspace.tokens.editor,
      district,
    );
    expect(response.status).toBe(400);
  });

  test("a school calendar pointed by an editor at another workspace's calendar reads nothing from it", async () => {
    const other = await createWorkspace(server.url, 'Elsewhere USD');
    const foreign = await createDocumentIn(server.url, other, {
      title: 'Their calendar',
      template: 'meeting-calendar',
    });
    const reader = connectStockClient(server.url, foreign, other.tokens.editor);
    await reader.synced;
    const foreignRow = readTable(reader.doc, MEETINGS_SECTION_ID)!.value.rows[0]!.id;
    setCell(reader.doc, MEETINGS_SECTION_ID, foreignRow, M.firstDate, '2027-05-03');
    reader.destroy();
    const { id: hijacked } = (await (
      await api(server.url, `/api/documents/${district}/school-calendars`, {
        token: workspace.tokens.editor,
        body: { school: 'Washington Middle' },
      })
    ).json()) as { id: string };
    const editor = connectStockClient(server.url, hijacked, workspace.tokens.editor);
    await editor.synced;
    writeDistrictCalendarLink(editor.doc, { calendarId: foreign, school: 'Washington Middle' });
    await waitFor('the rewritten link to be stored', async () => {
      const check = connectStockClient(server.url, hijacked, workspace.tokens.viewer);
      await check.synced;
      const stored = JSON.stringify(check.doc.getMap('meta').get('districtCalendar'));
      check.destroy();
      return stored.includes(foreign);
    });
    editor.destroy();
    const response = await open(
      { row: foreignRow, date: '2027-05-03' },
      workspace.tokens.editor,
      hijacked,
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('not in this workspace');
  });
});
