import { afterEach, describe, expect, test } from 'vitest';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { connectStockClient, waitFor } from '../support/sync-clients.ts';
import { api, createDocumentIn, createWorkspace } from '../support/test-server.ts';

let server: ServerProcess | undefined;
afterEach(() => {
  server?.child.kill('SIGKILL');
  server = undefined;
});

describe('the compaction worker under npm start', () => {
  test('R28, R18: the compiled server compacts in its worker thread (dist/server/compaction-worker.js), and SIGTERM still exits 0', async () => {
    // Every document counts as large, so the session's end goes through the worker.
    server = await startServerProcess({ PATHWAYS_COMPACT_OFF_LOOP_MIN_BYTES: '0' });
    const workspace = await createWorkspace(server.url);
    const id = await createDocumentIn(server.url, workspace);
    const versions = async (): Promise<{ label: string }[]> =>
      (await (
        await api(server!.url, `/api/documents/${id}/versions`, { token: workspace.tokens.viewer })
      ).json()) as { label: string }[];
    const editor = connectStockClient(server.url, id, workspace.tokens.editor);
    await editor.synced;
    editor.doc.getText('notes').insert(0, 'compacted in the worker');
    const reader = connectStockClient(server.url, id, workspace.tokens.viewer);
    await waitFor(
      'the edit to reach a reader',
      () => reader.doc.getText('notes').toString() === 'compacted in the worker',
    );
    reader.destroy();
    editor.destroy();
    await waitFor(
      'the session version',
      async () => (await versions()).some((version) => version.label === 'Session ended'),
      20_000,
    );
    // Had the worker not started, the room would have logged its fallback to the loop.
    expect(server.output()).not.toMatch(/in the worker failed/);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
