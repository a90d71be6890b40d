import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  addRow,
  readDocument,
  readMeta,
  readTable,
  setCell,
  writeTitle,
} from '../../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../../../core/templates/index.ts';
import { readMetric } from '../../support/relay-frames.ts';
import { connectStockClient, waitFor, type StockClient } from '../../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let workspace: Workspace;
let documentId: string;
const clients: StockClient[] = [];

beforeEach(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url);
  documentId = await createDocumentIn(server.url, workspace, {
    title: 'Fall kickoff',
    template: 'barriers',
  });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.stop();
});

async function synced(token: string): Promise<StockClient> {
  const created = connectStockClient(server.url, documentId, token);
  clients.push(created);
  await waitFor('a stock client to sync', () => created.provider.synced, 5_000);
  return created;
}

/** The document as plain data: what exports, metrics and the pages read. */
function view(doc: Y.Doc): string {
  return JSON.stringify(readDocument(doc).value);
}

function tasks(doc: Y.Doc): string[] {
  return (readTable(doc, NEXT_STEPS_SECTION_ID)?.value.rows ?? []).map((row) => {
    const cell = row.cells[NEXT_STEPS_COLUMNS.task];
    return cell?.kind === 'text' ? cell.text : '';
  });
}

async function exportMarkdown(): Promise<string> {
  const response = await api(server.url, `/api/documents/${documentId}/export?format=md`, {
    token: workspace.tokens.viewer,
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe('a viewer', () => {
  test('R8: receives every edit an editor makes, as it happens', async () => {
    const editor = await synced(workspace.tokens.editor);
    const viewer = await synced(workspace.tokens.viewer);
    expect(view(viewer.doc)).toBe(view(editor.doc));

    writeTitle(editor.doc, 'Fall kickoff, renamed');
    await waitFor(
      'the title at the viewer',
      () => readMeta(viewer.doc).value.title === 'Fall kickoff, renamed',
      5_000,
    );

    const rowId = readTable(editor.doc, NEXT_STEPS_SECTION_ID)!.value.rows[0]!.id;
    setCell(
      editor.doc,
      NEXT_STEPS_SECTION_ID,
      rowId,
      NEXT_STEPS_COLUMNS.task,
      'Update the MOU with Harbor Health',
    );
    const added = addRow(editor.doc, NEXT_STEPS_SECTION_ID, {
      values: { [NEXT_STEPS_COLUMNS.task]: 'Schedule the data review' },
    });
    expect(added.ok).toBe(true);
    for (let i = 0; i < 20; i++) writeTitle(editor.doc, `Keystroke ${i}`);

    await waitFor(
      'the viewer to hold exactly what the editor holds',
      () => view(viewer.doc) === view(editor.doc),
      5_000,
    );
    expect(tasks(viewer.doc)).toContain('Update the MOU with Harbor Health');
    expect(tasks(viewer.doc)).toContain('Schedule the data review');
    expect(readMeta(viewer.doc).value.title).toBe('Keystroke 19');
  });

  test("R8: a viewer's local edits change nothing at other clients, in storage or in the export, and its socket stays open", async () => {
    const editor = await synced(workspace.tokens.editor);
    const viewer = await synced(workspace.tokens.viewer);
    const before = await exportMarkdown();
    // The viewer's answer to the server's greeting (its sync step 2) is dropped too; count from after it.
    await waitFor(
      "the viewer's sync step 2 to be dropped",
      async () => (await readMetric(server.url, 'pathways_ignored_viewer_updates_total')) >= 1,
      5_000,
    );
    const ignoredBefore = await readMetric(server.url, 'pathways_ignored_viewer_updates_total');

    // A stock client does not know it is read-only: it applies these locally and sends them.
    writeTitle(viewer.doc, 'Renamed by a viewer');
    const rowId = readTable(viewer.doc, NEXT_STEPS_SECTION_ID)!.value.rows[0]!.id;
    setCell(viewer.doc, NEXT_STEPS_SECTION_ID, rowId, NEXT_STEPS_COLUMNS.task, 'Typed by a viewer');
    // The server has handled both (and dropped them) once its counter shows them.
    await waitFor(
      'the server to drop the viewer updates',
      async () =>
        (await readMetric(server.url, 'pathways_ignored_viewer_updates_total')) >=
        ignoredBefore + 2,
      5_000,
    );

    // Not in storage or the export.
    expect(await exportMarkdown()).toBe(before);
    const fresh = await synced(workspace.tokens.editor);
    expect(readMeta(fresh.doc).value.title).toBe('Fall kickoff');
    expect(tasks(fresh.doc)).not.toContain('Typed by a viewer');
    expect(view(fresh.doc)).toBe(view(editor.doc));
    expect(readDocument(fresh.doc).problems).toEqual([]);
    // Not at the editor.
    expect(readMeta(editor.doc).value.title).toBe('Fall kickoff');
    expect(tasks(editor.doc)).not.toContain('Typed by a viewer');

    // An editor's edit after that still reaches the viewer: its socket is open and relayed to.
    // (A new row, not the title: the viewer's own local title would conflict with it there.)
    addRow(editor.doc, NEXT_STEPS_SECTION_ID, {
      values: { [NEXT_STEPS_COLUMNS.task]: 'Added by an editor' },
    });
    await waitFor(
      'the editor edit at the viewer',
      () => tasks(viewer.doc).includes('Added by an editor'),
      5_000,
    );
    expect(viewer.provider.wsconnected).toBe(true);
    expect(viewer.provider.ws?.readyState).toBe(1);
    const after = await exportMarkdown();
    expect(after).toContain('Added by an editor');
    expect(after).not.toContain('Typed by a viewer');
    expect(after).not.toContain('Renamed by a viewer');

    // The viewer's copy keeps its local edits: the stock client is never told they were refused.
    expect(tasks(viewer.doc)).toContain('Typed by a viewer');
    expect(readMeta(viewer.doc).value.title).toBe('Renamed by a viewer');
  });

  test("R8: a viewer's edits made offline are not merged when it reconnects", async () => {
    const editor = await synced(workspace.tokens.editor);
    const viewer = await synced(workspace.tokens.viewer);
    await waitFor(
      "the first connection's sync step 2 to be dropped",
      async () => (await readMetric(server.url, 'pathways_ignored_viewer_updates_total')) >= 1,
      5_000,
    );
    viewer.provider.disconnect();
    writeTitle(viewer.doc, 'Renamed offline by a viewer');
    const ignoredBefore = await readMetric(server.url, 'pathways_ignored_viewer_updates_total');
    viewer.provider.connect();
    await waitFor('the viewer to resync', () => viewer.provider.synced, 5_000);
    // On reconnect the client sends its offline changes in its sync step 2, which is dropped.
    await waitFor(
      'the server to drop the resent update',
      async () =>
        (await readMetric(server.url, 'pathways_ignored_viewer_updates_total')) > ignoredBefore,
      5_000,
    );
    expect(readMeta(editor.doc).value.title).toBe('Fall kickoff');
    const fresh = await synced(workspace.tokens.viewer);
    expect(readMeta(fresh.doc).value.title).toBe('Fall kickoff');
    expect(await exportMarkdown()).not.toContain('Renamed offline by a viewer');
  });
});
