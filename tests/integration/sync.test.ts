import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readDocument, readMeta, readTable, setCell, writeTitle } from '../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../../core/templates/index.ts';
import { firstNextStepRowId, firstNextStepTask as taskOfFirstRow } from '../support/next-steps.ts';
import { StockClients, waitFor, type StockClient } from '../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let workspace: Workspace;
const clients = new StockClients();

beforeEach(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url);
});

afterEach(async () => {
  clients.destroyAll();
  await server.stop();
});

const client = (documentId: string, token = workspace.tokens.editor, doc?: Y.Doc): StockClient =>
  clients.connect(server.url, documentId, token, doc ? { doc } : {});

describe('syncing with stock y-websocket clients', () => {
  test('R5: a client that reports synced already holds the whole stored document', async () => {
    const id = await createDocumentIn(server.url, workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const a = client(id);
    await a.synced;
    expect(readMeta(a.doc).value).toMatchObject({ title: 'Barriers', template: 'barriers' });
    expect(taskOfFirstRow(a.doc)).toContain('Clearly assign and communicate roles');
    expect(readDocument(a.doc).problems).toEqual([]);
  });

  test('R2: an edit made by one person reaches the others in the room', async () => {
    const id = await createDocumentIn(server.url, workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const a = client(id);
    const b = client(id);
    await Promise.all([a.synced, b.synced]);
    const rowId = firstNextStepRowId(a.doc);
    setCell(
      a.doc,
      NEXT_STEPS_SECTION_ID,
      rowId,
      NEXT_STEPS_COLUMNS.task,
      'Update the MOU with Harbor Health',
    );
    await waitFor(
      'the edit at B',
      () => taskOfFirstRow(b.doc) === 'Update the MOU with Harbor Health',
    );
  });

  test('R16: edits are stored: a client joining after everyone left sees them, and the list shows the new title', async () => {
    const id = await createDocumentIn(server.url, workspace, {
      title: 'Draft',
      template: 'assessment',
    });
    const a = client(id);
    await a.synced;
    writeTitle(a.doc, 'Spring 2027 assessment');
    await waitFor('the server to store the title', async () => {
      const list = (await (
        await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
          token: workspace.tokens.viewer,
        })
      ).json()) as { title: string }[];
      return list[0]?.title === 'Spring 2027 assessment';
    });
    a.destroy();
    await waitFor('the room to close', () => server.relay.roomCount === 0);
    const later = client(id, workspace.tokens.viewer);
    await later.synced;
    expect(readMeta(later.doc).value.title).toBe('Spring 2027 assessment');
  });

  test('edits made offline merge when the client reconnects', async () => {
    const id = await createDocumentIn(server.url, workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const a = client(id);
    const b = client(id);
    await Promise.all([a.synced, b.synced]);
    a.provider.disconnect();
    const rowId = firstNextStepRowId(a.doc);
    setCell(a.doc, NEXT_STEPS_SECTION_ID, rowId, NEXT_STEPS_COLUMNS.owner, 'Offline owner');
    writeTitle(b.doc, 'Online title');
    a.provider.connect();
    await waitFor('both edits at both', () =>
      [a.doc, b.doc].every(
        (doc) =>
          readMeta(doc).value.title === 'Online title' &&
          JSON.stringify(readTable(doc, NEXT_STEPS_SECTION_ID)!.value.rows[0]!.cells).includes(
            'Offline owner',
          ),
      ),
    );
  });
});
