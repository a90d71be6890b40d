import { afterEach, describe, expect, test } from 'vitest';
import { connectStockClient, waitFor } from '../../support/sync-clients.ts';
import { createDocumentIn, createWorkspace, startTestServer } from '../../support/test-server.ts';

/** Long enough to reconnect within on a busy machine, short enough for a test to outwait. */
const GRACE_MS = 1500;

let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

const sessionVersions = async (documentId: string): Promise<number> =>
  (await server!.store.listVersions(documentId)).filter(
    (version) => version.label === 'Session ended',
  ).length;

describe('grace period', () => {
  test('R24: a room stays open for the grace period after its last socket leaves; a client back within it finds it open, and no version is saved until the grace period ends', async () => {
    server = await startTestServer({ PATHWAYS_ROOM_GRACE_MS: String(GRACE_MS) });
    const workspace = await createWorkspace(server.url);
    const id = await createDocumentIn(server.url, workspace);
    const first = connectStockClient(server.url, id, workspace.tokens.editor);
    await first.synced;
    first.doc.getText('grace').insert(0, 'before the reload');
    await waitFor(
      'the edit to be stored',
      async () => (await server!.store.loadDocument(id)).lastSeq > 0,
    );
    first.destroy();

    await new Promise((resolve) => setTimeout(resolve, GRACE_MS / 3));
    expect(server.relay.roomCount).toBe(1);
    expect(await sessionVersions(id)).toBe(0);

    const second = connectStockClient(server.url, id, workspace.tokens.editor);
    await second.synced;
    expect(second.doc.getText('grace').toString()).toBe('before the reload');
    // Back within the grace period: the room is the same one, and it stays open past the grace.
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 300));
    expect(server.relay.roomCount).toBe(1);
    expect(await sessionVersions(id)).toBe(0);

    second.destroy();
    await waitFor(
      'the room to close once the grace period is over',
      () => server!.relay.roomCount === 0,
      GRACE_MS * 4,
    );
    await waitFor('the session version to be saved', async () => (await sessionVersions(id)) === 1);
    // Compacted on close (R16, R17): the log is folded into the snapshot.
    expect((await server.store.loadDocument(id)).updates).toHaveLength(0);
  });

  test('R24: a relay shutting down closes rooms in their grace period at once, saving their session', async () => {
    server = await startTestServer({ PATHWAYS_ROOM_GRACE_MS: '60000' });
    const workspace = await createWorkspace(server.url);
    const id = await createDocumentIn(server.url, workspace);
    const client = connectStockClient(server.url, id, workspace.tokens.editor);
    await client.synced;
    client.doc.getText('grace').insert(0, 'kept');
    await waitFor(
      'the edit to be stored',
      async () => (await server!.store.loadDocument(id)).lastSeq > 0,
    );
    client.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.relay.roomCount).toBe(1);

    const stopped = performance.now();
    const store = server.store;
    await server.relay.shutdown();
    expect(performance.now() - stopped).toBeLessThan(5000);
    expect(server.relay.roomCount).toBe(0);
    expect(
      (await store.listVersions(id)).filter((version) => version.label === 'Session ended'),
    ).toHaveLength(1);
  });
});
