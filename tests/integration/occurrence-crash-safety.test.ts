import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { readOccurrenceRequests, readTable, setCell } from '../../core/schema/index.ts';
import { MEETING_COLUMNS as M, MEETINGS_SECTION_ID } from '../../core/templates/index.ts';
import { readConfig } from '../../sync-server/config.ts';
import { startServer, type RunningServer } from '../../sync-server/server.ts';
import type { DocumentStore } from '../../sync-server/storage/document-store.ts';
import { openStore } from '../../sync-server/storage/open-store.ts';
import { SQLITE_FILE_NAME } from '../../sync-server/storage/sqlite-store.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { connectStockClient, waitFor } from '../support/sync-clients.ts';
import { api, createDocumentIn, createWorkspace, type Workspace } from '../support/test-server.ts';

/**
 * M8: the server creates a meeting's document and then records it in the calendar. A fault
 * between the two (here the real SQLite store refusing the calendar's next write, right after
 * the document was created, as a crash or a lost disk would) must not leave the calendar without
 * the record for good: the wish is in the calendar before the document is made, and the next
 * request for it, from any device, records it.
 */
const logger = pino({ level: 'silent' });
let server: RunningServer;
let workspace: Workspace;
let calendarId: string;
let rowId: string;
/** When set, the calendar's next write after this document's creation fails. */
let failAfterCreating: string | null = null;
let armed = false;
let failures = 0;

function withFault(store: DocumentStore): DocumentStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'createDocument') {
        return async (...args: Parameters<DocumentStore['createDocument']>) => {
          await target.createDocument(...args);
          if (args[0].id === failAfterCreating) armed = true;
        };
      }
      if (property === 'appendUpdates') {
        return async (...args: Parameters<DocumentStore['appendUpdates']>) => {
          if (armed && args[0].some((append) => append.documentId === calendarId)) {
            armed = false;
            failures += 1;
            throw new Error(
              'injected fault: the disk went away between creating the meeting and recording it',
            );
          }
          return target.appendUpdates(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

beforeAll(async () => {
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'pathways-fault-')),
    PATHWAYS_ROOM_GRACE_MS: '0',
  });
  server = await startServer(config, { store: withFault(await openStore(config, logger)), logger });
  workspace = await createWorkspace(server.url);
  calendarId = await createDocumentIn(server.url, workspace, {
    title: 'Meeting calendar',
    template: 'meeting-calendar',
  });
  const editor = connectStockClient(server.url, calendarId, workspace.tokens.editor);
  await editor.synced;
  rowId = readTable(editor.doc, MEETINGS_SECTION_ID)!.value.rows.find((row) =>
    JSON.stringify(row.cells[M.meeting]).includes('Student progress update'),
  )!.id;
  setCell(editor.doc, MEETINGS_SECTION_ID, rowId, M.firstDate, '2027-01-13');
  await waitFor('the first date to be stored', async () =>
    (
      await (
        await api(server.url, `/api/documents/${calendarId}/export?format=ics`, {
          token: workspace.tokens.viewer,
        })
      ).text()
    ).includes('20270113'),
  );
  editor.destroy();
});
afterAll(async () => {
  await server.stop();
});

describe('a creation cut short between the document and the calendar (M8)', () => {
  test('leaves the wish in the calendar, and the next request records the document there', async () => {
    const id = `${calendarId}.${rowId}.2027-01-27`;
    failAfterCreating = id;
    const first = await api(server.url, `/api/documents/${calendarId}/occurrences`, {
      token: workspace.tokens.editor,
      body: { row: rowId, date: '2027-01-27' },
    });
    expect(failures).toBe(1);
    expect(first.status).toBe(500);

    // The document exists, and the calendar holds the request without a creation time: any
    // editor's page that opens the calendar sees it and asks again.
    const list = (await (
      await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
        token: workspace.tokens.viewer,
      })
    ).json()) as { id: string }[];
    expect(list.map((document) => document.id)).toContain(id);
    const reader = connectStockClient(server.url, calendarId, workspace.tokens.viewer);
    await reader.synced;
    expect(
      readOccurrenceRequests(reader.doc).filter((request) => request.occurrenceId === id),
    ).toEqual([expect.objectContaining({ createdAt: null })]);

    const again = await api(server.url, `/api/documents/${calendarId}/occurrences`, {
      token: workspace.tokens.editor,
      body: { row: rowId, date: '2027-01-27' },
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(expect.objectContaining({ id, created: false }));
    await waitFor('the calendar to record the document', () =>
      readOccurrenceRequests(reader.doc).some(
        (request) => request.occurrenceId === id && request.createdAt !== null,
      ),
    );
    reader.destroy();
  });

  test('a document the calendar already records is not marked twice', async () => {
    const body = { row: rowId, date: '2027-02-10' };
    expect(
      (
        await api(server.url, `/api/documents/${calendarId}/occurrences`, {
          token: workspace.tokens.editor,
          body,
        })
      ).status,
    ).toBe(201);
    const reader = connectStockClient(server.url, calendarId, workspace.tokens.viewer);
    await reader.synced;
    const recorded = readOccurrenceRequests(reader.doc).find(
      (request) => request.occurrenceId === `${calendarId}.${rowId}.2027-02-10`,
    )!;
    expect(recorded.createdAt).not.toBeNull();
    expect(
      (
        await api(server.url, `/api/documents/${calendarId}/occurrences`, {
          token: workspace.tokens.editor,
          body,
        })
      ).status,
    ).toBe(200);
    expect(
      readOccurrenceRequests(reader.doc).find(
        (request) => request.occurrenceId === recorded.occurrenceId,
      ),
    ).toEqual(recorded);
    reader.destroy();
  });
});

describe('a server process killed between creating the document and recording it (M8)', () => {
  const processes: ServerProcess[] = [];
  afterEach(() => {
    for (const running of processes.splice(0)) running.child.kill('SIGKILL');
  });

  test('comes back with the wish in the calendar, and the next request records the document', async () => {
    // Every store call takes 300 ms, so recording the document in the calendar (a load, then an
    // append) leaves a window of at least 600 ms after the document is committed to kill it in.
    const dataDir = mkdtempSync(join(tmpdir(), 'pathways-kill-'));
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PATHWAYS_STORE_LATENCY_MS: '300' };
    const first = await startServerProcess(env);
    processes.push(first);
    const space = await createWorkspace(first.url);
    const calendar = await createDocumentIn(first.url, space, {
      title: 'Meeting calendar',
      template: 'meeting-calendar',
    });
    const editor = connectStockClient(first.url, calendar, space.tokens.editor);
    await editor.synced;
    const row = readTable(editor.doc, MEETINGS_SECTION_ID)!.value.rows.find((candidate) =>
      JSON.stringify(candidate.cells[M.meeting]).includes('Student progress update'),
    )!.id;
    setCell(editor.doc, MEETINGS_SECTION_ID, row, M.firstDate, '2027-01-13');
    await waitFor(
      'the first date to be stored',
      async () =>
        (
          await (
            await api(first.url, `/api/documents/${calendar}/export?format=ics`, {
              token: space.tokens.viewer,
            })
          ).text()
        ).includes('20270113'),
      20_000,
    );
    editor.destroy();

    const id = `${calendar}.${row}.2027-01-13`;
    const database = new Database(join(dataDir, SQLITE_FILE_NAME), {
      readonly: true,
      fileMustExist: true,
    });
    const created = database.prepare('SELECT 1 FROM documents WHERE id = ?');
    const asked = api(first.url, `/api/documents/${calendar}/occurrences`, {
      token: space.tokens.editor,
      body: { row, date: '2027-01-13' },
    }).then(
      (response) => response.status,
      () => 'no answer',
    );
    const deadline = Date.now() + 20_000;
    while (created.get(id) === undefined && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    database.close();
    expect(await first.exited).toBe('SIGKILL');
    expect(await asked).toBe('no answer');

    const second = await startServerProcess(env);
    processes.push(second);
    const reader = connectStockClient(second.url, calendar, space.tokens.viewer);
    await reader.synced;
    expect(
      readOccurrenceRequests(reader.doc).filter((request) => request.occurrenceId === id),
    ).toEqual([expect.objectContaining({ createdAt: null })]);
    const again = await api(second.url, `/api/documents/${calendar}/occurrences`, {
      token: space.tokens.editor,
      body: { row, date: '2027-01-13' },
    });
    expect(again.status).toBe(200);
    await waitFor('the calendar to record the document', () =>
      readOccurrenceRequests(reader.doc).some(
        (request) => request.occurrenceId === id && request.createdAt !== null,
      ),
    );
    reader.destroy();
  }, 90_000);
});
