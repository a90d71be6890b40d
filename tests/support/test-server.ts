import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { readConfig } from '../../sync-server/config.ts';
import { startServer, type RunningServer } from '../../sync-server/server.ts';

/** Every test server scrapes its metrics with this; `readMetric` sends it. */
export const TEST_METRICS_TOKEN = 'test-metrics-token';

export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly tokens: { owner: string; editor: string; viewer: string };
}

/**
 * The real server in this process, on a free loopback port, with its SQLite file in a temp dir.
 * Rooms close as their last socket leaves (no grace period) unless `PATHWAYS_ROOM_GRACE_MS` is given.
 */
export async function startTestServer(
  env: Record<string, string> = {},
): Promise<RunningServer & { dataDir: string }> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'pathways-test-'));
  const server = await startServer(
    readConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PATHWAYS_METRICS_TOKEN: TEST_METRICS_TOKEN,
      PATHWAYS_ROOM_GRACE_MS: '0',
      ...env,
    }),
    { logger: pino({ level: 'silent' }) },
  );
  return Object.assign(server, { dataDir });
}

export async function api(
  baseUrl: string,
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<Response> {
  return fetch(new URL(path, baseUrl), {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.token && { authorization: `Bearer ${init.token}` }),
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
}

export async function createWorkspace(
  baseUrl: string,
  name = 'Riverside USD',
  adminToken?: string,
): Promise<Workspace> {
  const response = await api(baseUrl, '/api/workspaces', {
    body: { name },
    ...(adminToken && { token: adminToken }),
  });
  if (response.status !== 201)
    throw new Error(`workspace creation failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Workspace;
}

export async function createDocumentIn(
  baseUrl: string,
  workspace: Workspace,
  body: { title?: string; template?: string } = { title: 'Notes' },
): Promise<string> {
  const response = await api(baseUrl, `/api/workspaces/${workspace.id}/documents`, {
    token: workspace.tokens.editor,
    body,
  });
  if (response.status !== 201)
    throw new Error(`document creation failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
