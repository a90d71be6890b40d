import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import { sharedCompactionWorker } from '../../sync-server/relay/compaction-worker-client.ts';
import { COMPACT_AFTER_BYTES } from '../../sync-server/relay/compaction-policy.ts';
import { sessionVersionId } from '../../sync-server/relay/session-version.ts';
import { readAudit } from '../support/audit-log.ts';
import { readMetric } from '../support/relay-frames.ts';
import { connectStockClient, waitFor, type StockClient } from '../support/sync-clients.ts';
import {
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

// Every document counts as large here, so the worker compacts even a test-sized one (R28).
vi.hoisted(() => {
  process.env.PATHWAYS_COMPACT_OFF_LOOP_MIN_BYTES = '0';
});

let server: Awaited<ReturnType<typeof startTestServer>>;
let workspace: Workspace;

beforeEach(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url);
});
afterEach(async () => {
  await server.stop();
});

/**
 * Types `count` characters at scattered places, each sent on its own, as a person types: each
 * becomes its own round, and COMPACT_AFTER_UPDATES rounds make a compaction.
 */
async function typeScattered(client: StockClient, count: number): Promise<void> {
  const text = client.doc.getText('notes');
  let seed = 3;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    text.insert(seed % (text.length + 1), String.fromCharCode(97 + (i % 26)));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

async function serverHolds(id: string, client: StockClient): Promise<boolean> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await server.relay.readState(id));
  return Y.encodeStateVector(doc).toString() === Y.encodeStateVector(client.doc).toString();
}

/** What a client opening the document after the session gets, read straight from storage. */
async function storedText(id: string): Promise<string> {
  const stored = await server.store.loadDocument(id);
  const doc = new Y.Doc();
  for (const part of stored.snapshot === null
    ? stored.updates
    : [stored.snapshot, ...stored.updates])
    Y.applyUpdate(doc, part);
  return doc.getText('notes').toString();
}

describe('compaction off the event loop', () => {
  test('R28, R17: a large document compacts in the worker while people edit, keeps stored bytes under the snapshot plus 1 MiB, and ends its session in one version named as on the loop', async () => {
    const id = await createDocumentIn(server.url, workspace);
    const editor = connectStockClient(server.url, id, workspace.tokens.editor);
    await editor.synced;
    const compactionsBefore = await readMetric(server.url, 'pathways_compactions_total');
    await typeScattered(editor, 1500);
    await waitFor('the server to hold all 1500 keystrokes', () => serverHolds(id, editor), 30_000);
    await waitFor(
      'a compaction in the worker',
      async () => (await readMetric(server.url, 'pathways_compactions_total')) > compactionsBefore,
      30_000,
    );
    expect(sharedCompactionWorker().started).toBeGreaterThan(0);
    const snapshotBytes = Y.encodeStateAsUpdate(editor.doc).byteLength;
    expect(await server.store.storedBytes(id)).toBeLessThan(snapshotBytes + COMPACT_AFTER_BYTES);

    const expected = editor.doc.getText('notes').toString();
    const versionId = sessionVersionId(id, editor.doc);
    editor.destroy();
    await waitFor(
      'the session version',
      async () => (await server.store.listVersions(id)).length === 1,
      30_000,
    );
    const [version] = await server.store.listVersions(id);
    // R25: the worker names the version as the room's own document would, and it is logged once, by the system.
    expect(version!.id).toBe(versionId);
    const logged = (
      await readAudit(server.url, workspace.id, { token: workspace.tokens.owner })
    ).filter((event) => event.action === 'version-saved');
    expect(logged).toEqual([
      expect.objectContaining({ actor: { type: 'system' }, target: id, detail: versionId }),
    ]);
    const versionDoc = new Y.Doc();
    Y.applyUpdate(versionDoc, (await server.store.readVersion(id, version!.id))!);
    expect(versionDoc.getText('notes').toString()).toBe(expected);
    // R16: compacted on close, everything in the snapshot.
    expect((await server.store.loadDocument(id)).updates).toHaveLength(0);
    expect(await storedText(id)).toBe(expected);
  });

  test('R28: a worker killed during compactions loses nothing: the room compacts on the loop instead and a fresh client gets every keystroke', async () => {
    const id = await createDocumentIn(server.url, workspace);
    const editor = connectStockClient(server.url, id, workspace.tokens.editor);
    await editor.synced;
    const worker = sharedCompactionWorker();
    const compactionsBefore = await readMetric(server.url, 'pathways_compactions_total');
    // Kill the worker whenever it owes a merge, as a crash at the worst moment would.
    let killsMidMerge = 0;
    let typing = true;
    const killer = (async () => {
      while (typing) {
        if (worker.waiting > 0) {
          killsMidMerge++;
          await worker.terminate();
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await typeScattered(editor, 2500);
    await waitFor('the server to hold all 2500 keystrokes', () => serverHolds(id, editor), 30_000);
    await waitFor(
      'a compaction despite the kills',
      async () => (await readMetric(server.url, 'pathways_compactions_total')) > compactionsBefore,
      30_000,
    );
    typing = false;
    await killer;
    expect(killsMidMerge).toBeGreaterThan(0);
    expect(await server.store.storedBytes(id)).toBeLessThan(
      Y.encodeStateAsUpdate(editor.doc).byteLength + COMPACT_AFTER_BYTES,
    );

    const expected = editor.doc.getText('notes').toString();
    editor.destroy();
    await waitFor(
      'the session version',
      async () => (await server.store.listVersions(id)).length === 1,
      30_000,
    );
    expect(await storedText(id)).toBe(expected);
    const reader = connectStockClient(server.url, id, workspace.tokens.viewer);
    await reader.synced;
    expect(reader.doc.getText('notes').toString()).toBe(expected);
    reader.destroy();
  });
});
