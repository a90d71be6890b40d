import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ensureTextCell, textCell } from '../../core/schema/index.ts';
import {
  NEXT_STEPS_COLUMNS as C,
  NEXT_STEPS_SECTION_ID as NEXT_STEPS,
} from '../../core/templates/index.ts';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { firstNextStepRowId } from '../support/next-steps.ts';
import { StockClients, waitFor, type StockClient } from '../support/sync-clients.ts';
import { api, createDocumentIn, createWorkspace } from '../support/test-server.ts';

/*
 * The promise under test: an update is durable before anyone else receives it, so killing the
 * server at any moment loses nothing another client has seen. These tests use a real server
 * process, killed for real, on each engine: the SQLite file and a real PostgreSQL server.
 */

let postgres: PostgresServer;
let databases = 0;
beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  await postgres?.stop();
});

/** Where a server keeps its documents: the environment of a fresh store, kept across restarts. */
const engines: [string, () => Promise<Record<string, string>>][] = [
  ['SQLite', async () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'pathways-durable-')) })],
  [
    'PostgreSQL',
    async () => ({ DATABASE_URL: await postgres.createDatabase(`durability_${++databases}`) }),
  ],
];

const processes: ServerProcess[] = [];
const clients = new StockClients();

afterEach(() => {
  clients.destroyAll();
  for (const server of processes.splice(0)) server.child.kill('SIGKILL');
});

async function serverOn(
  storage: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const server = await startServerProcess({ ...storage, LOG_LEVEL: 'silent', ...env });
  processes.push(server);
  return server;
}

const joinRoom = (server: ServerProcess, documentId: string, token: string): StockClient =>
  clients.connect(server.url, documentId, token);

describe.each(engines)('durability on %s', (_engine, freshStorage) => {
  test('R1: SIGKILL during a stream of edits loses nothing that another client had seen', async () => {
    const storage = await freshStorage();
    // A slow store widens the gap between receiving an update and storing it: a relay that fanned
    // out before storing would show it here, as the observer seeing text the restart has lost.
    const first = await serverOn(storage, { PATHWAYS_STORE_LATENCY_MS: '20' });
    const workspace = await createWorkspace(first.url);
    const documentId = await createDocumentIn(first.url, workspace, {
      title: 'Kill test',
      template: 'barriers',
    });

    const writer = joinRoom(first, documentId, workspace.tokens.editor);
    const observer = joinRoom(first, documentId, workspace.tokens.viewer);
    await Promise.all([writer.synced, observer.synced]);
    const rowId = firstNextStepRowId(writer.doc);
    const text = ensureTextCell(writer.doc, NEXT_STEPS, rowId, C.task)!;
    text.delete(0, text.length);

    // The observer remembers the longest text it has ever been shown.
    let seen = '';
    observer.doc.on('update', () => {
      const current = textCell(observer.doc, NEXT_STEPS, rowId, C.task)?.toString() ?? '';
      if (current.length > seen.length) seen = current;
    });

    // Pasted paragraphs as well as keystrokes, so each stored batch takes the disk a moment.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz';
    let typed = 0;
    const typing = setInterval(() => {
      for (let i = 0; i < 5; i++)
        text.insert(text.length, alphabet[typed++ % alphabet.length]!.repeat(i === 0 ? 2000 : 1));
    }, 1);
    await waitFor('the observer to see some typing', () => seen.length >= 20_000, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
    first.child.kill('SIGKILL');
    clearInterval(typing);
    await first.exited;
    const seenAtKill = seen;
    clients.destroyAll();

    const second = await serverOn(storage);
    const reader = joinRoom(second, documentId, workspace.tokens.viewer);
    await reader.synced;
    const stored = textCell(reader.doc, NEXT_STEPS, rowId, C.task)?.toString() ?? '';
    expect(seenAtKill.length).toBeGreaterThanOrEqual(20_000);
    expect(
      stored.startsWith(seenAtKill),
      `stored ${stored.length} chars, observer had seen ${seenAtKill.length}`,
    ).toBe(true);
  });

  test('R16/R18: after SIGTERM and a restart everything is there, with a version saved for the session', async () => {
    const storage = await freshStorage();
    const first = await serverOn(storage);
    const workspace = await createWorkspace(first.url);
    const documentId = await createDocumentIn(first.url, workspace, {
      title: 'Term test',
      template: 'barriers',
    });
    const editor = joinRoom(first, documentId, workspace.tokens.editor);
    await editor.synced;
    const rowId = firstNextStepRowId(editor.doc);
    const text = ensureTextCell(editor.doc, NEXT_STEPS, rowId, C.task)!;
    for (let i = 0; i < 300; i++) text.insert(0, 'x');
    const expected = text.toString();
    // Edits are in flight; SIGTERM must flush them (twice, as a process manager might send it).
    await new Promise((resolve) => setTimeout(resolve, 100));
    first.child.kill('SIGTERM');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await serverOn(storage);
    const reader = joinRoom(second, documentId, workspace.tokens.viewer);
    await reader.synced;
    expect(textCell(reader.doc, NEXT_STEPS, rowId, C.task)?.toString()).toBe(expected);
    const versions = (await (
      await api(second.url, `/api/documents/${documentId}/versions`, {
        token: workspace.tokens.viewer,
      })
    ).json()) as { label: string; auto: boolean }[];
    expect(versions).toEqual([expect.objectContaining({ label: 'Session ended', auto: true })]);
  });
});
