import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ensureTextCell, readTable } from '../../core/schema/index.ts';
import {
  NEXT_STEPS_COLUMNS as C,
  NEXT_STEPS_SECTION_ID as NEXT_STEPS,
} from '../../core/templates/index.ts';
import { COMPACT_AFTER_BYTES } from '../../sync-server/relay/compaction-policy.ts';
import { connectStockClient, waitFor } from '../support/sync-clients.ts';
import {
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let workspace: Workspace;

beforeEach(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url);
});
afterEach(async () => {
  await server.stop();
});

describe('compaction', () => {
  test('R17: keeps stored bytes under the snapshot plus 1 MiB while editing, and at the snapshot once the session ends', async () => {
    const id = await createDocumentIn(server.url, workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const editor = connectStockClient(server.url, id, workspace.tokens.editor);
    await editor.synced;
    const rowId = readTable(editor.doc, NEXT_STEPS)!.value.rows[0]!.id;
    const text = ensureTextCell(editor.doc, NEXT_STEPS, rowId, C.task)!;
    const snapshotBefore = Y.encodeStateAsUpdate(editor.doc).byteLength;
    let rawLog = 0;
    editor.doc.on('update', (update: Uint8Array) => (rawLog += update.byteLength));
    for (let i = 0; i < 3000; i++) {
      text.insert(text.length, 'k');
      if (i % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 1)); // let frames go out as typing would
    }
    const snapshot = () => Y.encodeStateAsUpdate(editor.doc).byteLength;
    await waitFor('the server to hold all 3000 keystrokes', async () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await server.relay.readState(id));
      return Y.encodeStateVector(doc).toString() === Y.encodeStateVector(editor.doc).toString();
    });
    expect(await server.store.storedBytes(id)).toBeLessThan(snapshot() + COMPACT_AFTER_BYTES);
    expect(await server.store.storedBytes(id)).toBeLessThan(rawLog);

    editor.destroy();
    await waitFor('the room to close', () => server.relay.roomCount === 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stored = await server.store.storedBytes(id);
    expect(stored).toBeLessThanOrEqual(snapshot() * 1.05);
    // What typing added to the snapshot is a small fraction of the raw log it replaced.
    expect(rawLog / (stored - snapshotBefore)).toBeGreaterThan(10);
  });
});
