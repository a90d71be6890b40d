import { readFileSync, renameSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { CLOSE } from '../../sync-server/relay/close-codes.ts';
import { JSON_BODY_LIMIT_BYTES } from '../../sync-server/routes/body-limits.ts';
import { SQLITE_FILE_NAME } from '../../sync-server/storage/sqlite-store.ts';
import { closeOf, openRaw } from '../support/relay-frames.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { connectRaw, waitFor } from '../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  TEST_METRICS_TOKEN,
} from '../support/test-server.ts';

/** Threat model T3–T6 (README): what any request, with or without a link, can try. */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function inProcessServer(env: Record<string, string> = {}) {
  const server = await startTestServer(env);
  cleanups.push(() => server.stop());
  return server;
}

async function serverProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServerProcess({ LOG_LEVEL: 'silent', ...env });
  cleanups.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return server;
}

function residentMegabytes(pid: number): number {
  const kilobytes = Number(
    /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1],
  );
  return kilobytes / 1024;
}

describe('protective headers on every kind of response (T2)', () => {
  test('pages, assets, the API, errors, exports and the sync endpoint all carry them', async () => {
    const server = await inProcessServer();
    const workspace = await createWorkspace(server.url);
    const documentId = await createDocumentIn(server.url, workspace, {
      title: 'Fall kickoff',
      template: 'roles-working-session',
    });
    const index = await (await fetch(new URL('/', server.url))).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(asset).toBeDefined();

    const responses = {
      page: await fetch(new URL(`/d/${documentId}`, server.url)),
      home: await fetch(new URL('/', server.url)),
      asset: await fetch(new URL(asset!, server.url)),
      api: await api(server.url, '/api/templates'),
      unauthorized: await api(server.url, `/api/workspaces/${workspace.id}/documents`),
      notFound: await fetch(new URL('/nothing-here', server.url)),
      health: await fetch(new URL('/healthz', server.url)),
      syncRefused: await fetch(new URL(`/sync/${documentId}?token=wrong`, server.url)),
      htmlExport: await api(server.url, `/api/documents/${documentId}/export?format=html`, {
        token: workspace.tokens.viewer,
      }),
    };
    for (const [kind, response] of Object.entries(responses)) {
      const headers = response.headers;
      expect(headers.get('x-content-type-options'), kind).toBe('nosniff');
      expect(headers.get('referrer-policy'), kind).toBe('no-referrer');
      expect(headers.get('x-frame-options'), kind).toBe('DENY');
      expect(headers.get('content-security-policy'), kind).toContain("frame-ancestors 'none'");
    }
    // A document's page has no opener policy: it would make the browser start the page's process
    // only once the response is in, which held a share link's first screen back by about 90 ms.
    // Every other page keeps it.
    expect(responses.page.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    for (const kind of ['home', 'asset', 'api', 'notFound'] as const)
      expect(responses[kind].headers.get('cross-origin-opener-policy'), kind).toBe('same-origin');
    const appPolicy = responses.page.headers.get('content-security-policy')!;
    expect(appPolicy).toContain("script-src 'self'");
    expect(appPolicy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // An exported page runs nothing at all.
    expect(responses.htmlExport.headers.get('content-security-policy')).toMatch(
      /^default-src 'none'/,
    );
    expect(responses.syncRefused.status).toBe(401);
  });
});

describe('request bodies are limited before they are read (T3)', () => {
  test('a 20 MB body to the open workspace route gets 413 and the process gives the memory back', async () => {
    const server = await serverProcess();
    const pid = server.child.pid!;
    await api(server.url, '/api/templates');
    const before = residentMegabytes(pid);
    const body = Buffer.alloc(20 * 1024 * 1024, 'a');
    for (let i = 0; i < 4; i++) {
      const response = await fetch(new URL('/api/workspaces', server.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(413);
      expect((await response.json()).error).toMatch(/at most 16 KiB/);
    }
    expect(residentMegabytes(pid) - before).toBeLessThan(50);
    expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
  });

  test('a body without a length (chunked) is cut off at the limit too', async () => {
    const server = await inProcessServer();
    const workspace = await createWorkspace(server.url);
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Bounded: at most 32 MiB, whatever the server does.
        if (sent >= 32 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(new URL(`/api/workspaces/${workspace.id}/documents`, server.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${workspace.tokens.editor}`,
        'content-type': 'application/json',
      },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(
      (
        await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
          token: workspace.tokens.editor,
        }).then((r) => r.json())
      ).length,
    ).toBe(0);
  });

  test('a body just under the limit is read as usual', async () => {
    const server = await inProcessServer();
    const padding = ' '.repeat(JSON_BODY_LIMIT_BYTES - 100);
    const response = await fetch(new URL('/api/workspaces', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"name": "Riverside USD"${padding}}`,
    });
    expect(response.status).toBe(201);
  });

  test('a deeply nested template value is a 400 that says what to send, not a 500', async () => {
    const server = await inProcessServer();
    const workspace = await createWorkspace(server.url);
    const nested = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const response = await fetch(new URL(`/api/workspaces/${workspace.id}/documents`, server.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${workspace.tokens.editor}`,
        'content-type': 'application/json',
      },
      body: `{"title": "Notes", "template": ${nested}}`,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/Unknown template \(a list, not a template id\)/);
  });
});

describe('no request body makes a route answer 500 (T3)', () => {
  test('hostile bodies to every route that takes one get a 4xx that says what to send', async () => {
    const server = await inProcessServer();
    const workspace = await createWorkspace(server.url);
    // The barriers tool holds the staff survey, so its survey link can be opened.
    const documentId = await createDocumentIn(server.url, workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const linked = await api(server.url, `/api/documents/${documentId}/survey-link`, {
      method: 'POST',
      token: workspace.tokens.editor,
    });
    expect(linked.status).toBe(201);
    const surveyLink = await linked.json();
    const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    const bodies = [
      '',
      'not json',
      'null',
      '[]',
      '"text"',
      '12',
      deep,
      `{"name": ${deep}, "title": ${deep}, "template": ${deep}, "label": ${deep}, "answers": ${deep}}`,
      '{"name": {"toString": 1}, "title": ["a"], "template": {"__proto__": {"x": 1}}, "label": 5, "answers": {"__proto__": null}}',
      `{"answers": {"working-well": ${deep}}}`,
      `{"name": "${'x'.repeat(10_000)}", "title": "${'y'.repeat(10_000)}", "label": "${'z'.repeat(10_000)}"}`,
    ];
    const routes = [
      { path: '/api/workspaces', token: undefined },
      { path: `/api/workspaces/${workspace.id}/documents`, token: workspace.tokens.editor },
      { path: `/api/documents/${documentId}/versions`, token: workspace.tokens.editor },
      { path: `/api/workspaces/${workspace.id}/tokens/viewer`, token: workspace.tokens.owner },
      { path: `/api/survey/${(surveyLink as { token: string }).token}/answers`, token: undefined },
    ];
    for (const route of routes) {
      for (const body of bodies) {
        const response = await fetch(new URL(route.path, server.url), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(route.token && { authorization: `Bearer ${route.token}` }),
          },
          body,
        });
        expect(response.status, `${route.path} with ${body.slice(0, 40)}`).toBeLessThan(500);
        if (response.status >= 400)
          expect(typeof (await response.json()).error, route.path).toBe('string');
      }
    }
    expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
  });
});

describe('slow clients are timed out (T3)', () => {
  test('a client that never finishes its headers is disconnected within the header timeout', async () => {
    const server = await inProcessServer();
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    // The server closing mid-trickle makes the next write fail; that is the point.
    socket.on('error', () => {});
    const started = performance.now();
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const trickle = setInterval(() => socket.writable && socket.write('a'), 1000);
    const ended = await new Promise<number>((resolve) =>
      socket.once('close', () => resolve(performance.now())),
    );
    clearInterval(trickle);
    expect(ended - started).toBeLessThan(15_000);
    expect(ended - started).toBeGreaterThan(5_000);
  }, 30_000);
});

describe('metrics need their own token (T5)', () => {
  test('without the token a scrape is refused; with it, it is served', async () => {
    const server = await inProcessServer();
    expect((await api(server.url, '/metrics')).status).toBe(401);
    expect((await api(server.url, '/metrics', { token: 'a-guess' })).status).toBe(401);
    const served = await api(server.url, '/metrics', { token: TEST_METRICS_TOKEN });
    expect(served.status).toBe(200);
    expect(await served.text()).toContain('pathways_rooms');
  });

  test('with no token configured, metrics are off', async () => {
    const server = await inProcessServer({ PATHWAYS_METRICS_TOKEN: '' });
    const response = await api(server.url, '/metrics', { token: TEST_METRICS_TOKEN });
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatch(/PATHWAYS_METRICS_TOKEN/);
  });
});

describe('storage that is lost stops the server from confirming (T6)', () => {
  test('moving the database away makes /healthz 503, closes rooms with 1011 and refuses writes; moving it back recovers by itself', async () => {
    const server = await inProcessServer();
    const workspace = await createWorkspace(server.url);
    const documentId = await createDocumentIn(server.url, workspace, { title: 'Notes' });
    const editor = await openRaw(connectRaw(server.url, documentId, workspace.tokens.editor));
    cleanups.push(() => editor.socket.terminate());
    const file = join(server.dataDir, SQLITE_FILE_NAME);

    renameSync(file, `${file}.moved`);
    await waitFor(
      '/healthz to answer 503',
      async () => (await fetch(new URL('/healthz', server.url))).status === 503,
      5_000,
    );
    expect(await (await fetch(new URL('/healthz', server.url))).text()).toMatch(
      /database file .* is gone/,
    );
    expect(await closeOf(editor)).toEqual({
      code: CLOSE.storageFailed.code,
      reason: CLOSE.storageFailed.reason,
    });
    expect(
      (
        await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
          token: workspace.tokens.editor,
          body: { title: 'Lost?' },
        })
      ).status,
    ).toBe(503);
    expect((await api(server.url, '/api/workspaces', { body: { name: 'Lost?' } })).status).toBe(
      503,
    );
    expect(
      (await fetch(new URL(`/sync/${documentId}?token=${workspace.tokens.editor}`, server.url)))
        .status,
    ).toBe(503);

    renameSync(`${file}.moved`, file);
    await waitFor(
      '/healthz to answer 200 again',
      async () => (await fetch(new URL('/healthz', server.url))).status === 200,
      5_000,
    );
    expect(
      (
        await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
          token: workspace.tokens.editor,
          body: { title: 'Kept' },
        })
      ).status,
    ).toBe(201);
    const again = await openRaw(connectRaw(server.url, documentId, workspace.tokens.editor));
    cleanups.push(() => again.socket.terminate());
    expect(again.socket.readyState).toBe(again.socket.OPEN);
  });

  test('deleting the database makes /healthz 503 within seconds', async () => {
    const server = await inProcessServer();
    await createWorkspace(server.url);
    const started = performance.now();
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(join(server.dataDir, SQLITE_FILE_NAME + suffix), { force: true });
    await waitFor(
      '/healthz to answer 503',
      async () => (await fetch(new URL('/healthz', server.url))).status === 503,
      5_000,
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(
      (await api(server.url, '/api/workspaces', { body: { name: 'After the loss' } })).status,
    ).toBe(503);
  });
});
