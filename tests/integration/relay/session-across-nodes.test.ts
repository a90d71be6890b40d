import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPostgres, type PostgresServer } from '../../support/postgres-server.ts';
import { startRedis, type RedisServer } from '../../support/redis-server.ts';
import { quietWindow, readMetric } from '../../support/relay-frames.ts';
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts';
import { connectStockClient, waitFor } from '../../support/sync-clients.ts';
import { api, createDocumentIn, createWorkspace } from '../../support/test-server.ts';

/**
 * A session that spans two nodes (real server processes on one PostgreSQL and one Redis) ends in
 * one "Session ended" version, not one per node, and that version holds what both sides wrote.
 */

let postgres: PostgresServer;
let redis: RedisServer;
const nodes: ServerProcess[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
});
afterAll(async () => {
  for (const node of nodes.splice(0)) node.child.kill('SIGKILL');
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

interface VersionListed {
  readonly id: string;
  readonly label: string;
}

describe('a session shared by two nodes', { timeout: 120_000 }, () => {
  test('R25/S16: both rooms close on the same stored state and save one "Session ended" version holding both nodes\u2019 edits', async () => {
    const DATABASE_URL = await postgres.createDatabase('session_across_nodes');
    for (let i = 0; i < 2; i++)
      nodes.push(
        await startServerProcess({ DATABASE_URL, REDIS_URL: redis.url, LOG_LEVEL: 'silent' }),
      );
    const [first, second] = nodes as [ServerProcess, ServerProcess];
    const workspace = await createWorkspace(first.url);
    const documentId = await createDocumentIn(second.url, workspace);
    const a = connectStockClient(first.url, documentId, workspace.tokens.editor);
    const b = connectStockClient(second.url, documentId, workspace.tokens.editor);
    await Promise.all([a.synced, b.synced]);
    a.doc.getText('session').insert(0, 'from A. ');
    b.doc.getMap('session-b').set('note', 'from B');
    await waitFor(
      'each side to hold the other\u2019s edit',
      () =>
        a.doc.getMap('session-b').get('note') === 'from B' &&
        b.doc.getText('session').toString() === 'from A. ',
    );

    // Both leave at once: each node closes its room, compacts and saves the session's version.
    a.destroy();
    b.destroy();
    await waitFor(
      'both rooms to close',
      async () =>
        (await readMetric(first.url, 'pathways_rooms')) === 0 &&
        (await readMetric(second.url, 'pathways_rooms')) === 0,
    );
    const sessionVersions = async (): Promise<VersionListed[]> => {
      const response = await api(first.url, `/api/documents/${documentId}/versions`, {
        token: workspace.tokens.editor,
      });
      return ((await response.json()) as VersionListed[]).filter(
        (version) => version.label === 'Session ended',
      );
    };
    await waitFor('the session version', async () => (await sessionVersions()).length > 0);
    // Both nodes' closing writes are done well within this; a second version would show by then.
    await quietWindow(1500);
    const versions = await sessionVersions();
    expect(versions).toHaveLength(1);

    const state = new Uint8Array(
      await (
        await api(second.url, `/api/documents/${documentId}/versions/${versions[0]!.id}`, {
          token: workspace.tokens.editor,
        })
      ).arrayBuffer(),
    );
    const saved = new Y.Doc();
    Y.applyUpdate(saved, state);
    expect(saved.getText('session').toString()).toBe('from A. ');
    expect(saved.getMap('session-b').get('note')).toBe('from B');
  });
});
