import { describe, expect, test } from 'vitest';
import {
  DOCUMENT_PAGE,
  SERVER_ONLY_PATHS,
  documentPageFallback,
} from '../../../client/sw-navigation.ts';

const SHELL = '<!doctype html><title>Pathways</title><div id="root"></div>';
const shellFrom = (cached: boolean) => async () =>
  cached ? new Response(SHELL, { headers: { 'content-type': 'text/html' } }) : undefined;

type Plugin = ReturnType<typeof documentPageFallback>;
const respond = (plugin: Plugin, response: Response) =>
  plugin.handlerWillRespond!({
    request: new Request('http://127.0.0.1/d/doc-1'),
    response,
    event: {} as ExtendableEvent,
    state: {},
  });
const failed = (plugin: Plugin) =>
  plugin.handlerDidError!({
    request: new Request('http://127.0.0.1/d/doc-1'),
    error: new Error('no network'),
    event: {} as ExtendableEvent,
    state: {},
  });

describe("the service worker's document pages", () => {
  test("only a document's own address goes to the server first; its projector and print pages do not", () => {
    for (const path of ['/d/doc-1', '/d/doc-1/']) expect(DOCUMENT_PAGE.test(path)).toBe(true);
    for (const path of ['/d/doc-1/present', '/d/doc-1/print', '/d/', '/w/ws-1', '/'])
      expect(DOCUMENT_PAGE.test(path)).toBe(false);
  });

  test('the API, sync and sign-in never open the cached shell', () => {
    for (const path of ['/api/documents', '/sync/doc-1', '/auth/callback', '/healthz', '/metrics'])
      expect(SERVER_ONLY_PATHS.some((pattern) => pattern.test(path))).toBe(true);
    for (const path of ['/d/doc-1', '/w/ws-1', '/sign-in'])
      expect(SERVER_ONLY_PATHS.some((pattern) => pattern.test(path))).toBe(false);
  });

  test("the server's page is kept, a refusal or a redirect included", async () => {
    const plugin = documentPageFallback(shellFrom(true));
    for (const status of [200, 302, 403, 404]) {
      const response = new Response(status === 302 ? null : 'server page', { status });
      expect(await respond(plugin, response)).toBe(response);
    }
  });

  test('the cached shell opens the page when the server fails with a 5xx or cannot be reached', async () => {
    const plugin = documentPageFallback(shellFrom(true));
    for (const status of [500, 502, 503]) {
      const answer = await respond(plugin, new Response('down', { status }));
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe(SHELL);
    }
    expect(await (await failed(plugin))!.text()).toBe(SHELL);
  });

  test('without a cached shell, the 5xx stands and a failed fetch is a network error', async () => {
    const plugin = documentPageFallback(shellFrom(false));
    expect((await respond(plugin, new Response('down', { status: 503 }))).status).toBe(503);
    expect((await failed(plugin))!.type).toBe('error');
  });
});
