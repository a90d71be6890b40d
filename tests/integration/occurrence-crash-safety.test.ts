import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readOccurrenceRequests, readTable, setCell } from '../../core/schema/index.ts';
import { MEETING_COLUMNS as M, MEETINGS_SECTION_ID } from '../../core/templates/index.ts';
import { readConfig } from '../../sync-server/config.ts';
import { startServer, type RunningServer } from '../../sync-server/server.ts';
import type { DocumentStore } from '../../sync-server/storage/document-store.ts';
import { openStore } from '../../sync-server/storage/open-store.ts';
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
            throw new Error('injected fault: the disk went away between creating the meeting and recording it');
          }
          return target.appendUpdates(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

beforeAll(async () => {
  const config = readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'pathways-fault-')), PATHWAYS_ROOM_GRACE_MS: '0' });
  server = await startServer(config, { store: withFault(await openStore(config, logger)), logger });
  workspace = await createWorkspace(server.url);
  calendarId = await createDocumentIn(server.url, workspace, { title: 'Meeting calendar', template: 'meeting-calendar' });
  const editor = connectStockClient(server.url, calendarId, workspace.tokens.editor);
  await editor.synced;
  rowId = readTable(editor.doc, MEETINGS_SECTION_ID)!.value.rows.find((row) => JSON.stringify(row.cells[M.meeting]).includes('Student progress update'))!.id;
  setCell(editor.doc, MEETINGS_SECTION_ID, rowId, M.firstDate, '2027-01-13');
  await waitFor('the first date to be stored', async () => (await (await api(server.url, `/api/documents/${calendarId}/export?format=ics`, { token: workspace.tokens.viewer })).text()).includes('20270113'));
  editor.destroy();
});
afterAll(async () => {
  await server.stop();
});

describe('a creation cut short between the document and the calendar (M8)', () => {
  test('leaves the wish in the calendar, and the next request records the document there', async () => {
    const id = `${calendarId}.${rowId}.2027-01-27`;
    failAfterCreating = id;
    const first = await api(server.url, `/api/documents/${calendarId}/occurrences`, { token: workspace.tokens.editor, body: { row: rowId, date: '2027-01-27' } });
    expect(failures).toBe(1);
    expect(first.status).toBe(500);

    // The document exists, and the calendar holds the request without a creation time: any
    // editor's page that opens the calendar sees it and asks again.
    const list = (await (await api(server.url, `/api/workspaces/${workspace.id}/documents`, { token: workspace.tokens.viewer })).json()) as { id: string }[];
    expect(list.map((document) => document.id)).toContain(id);
    const reader = connectStockClient(server.url, calendarId, workspace.tokens.viewer);
    await reader.synced;
    expect(readOccurrenceRequests(reader.doc).filter((request) => request.occurrenceId === id)).toEqual([expect.objectContaining({ createdAt: null })]);

    const again = await api(server.url, `/api/documents/${calendarId}/occurrences`, { token: workspace.tokens.editor, body: { row: rowId, date: '2027-01-27' } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(expect.objectContaining({ id, created: false }));
    await waitFor('the calendar to record the document', () => readOccurrenceRequests(reader.doc).some((request) => request.occurrenceId === id && request.createdAt !== null));
    reader.destroy();
  });

  test('a document the calendar already records is not marked twice', async () => {
    const body = { row: rowId, date: '2027-02-10' };
    expect((await api(server.url, `/api/documents/${calendarId}/occurrences`, { token: workspace.tokens.editor, body })).status).toBe(201);
    const reader = connectStockClient(server.url, calendarId, workspace.tokens.viewer);
    await reader.synced;
    const recorded = readOccurrenceRequests(reader.doc).find((request) => request.occurrenceId === `${calendarId}.${rowId}.2027-02-10`)!;
    expect(recorded.createdAt).not.toBeNull();
    expect((await api(server.url, `/api/documents/${calendarId}/occurrences`, { token: workspace.tokens.editor, body })).status).toBe(200);
    expect(readOccurrenceRequests(reader.doc).find((request) => request.occurrenceId === recorded.occurrenceId)).toEqual(recorded);
    reader.destroy();
  });
});
