import { describe, expect, test } from 'vitest';
import { scriptsWithoutCodeCache } from '../../../client/sw-script-responses.ts';

const SCRIPT = 'export const answer = 42;\n';
const cached = (body: string, contentType: string) =>
  new Response(body, { status: 200, statusText: 'OK', headers: { 'content-type': contentType } });
const use = (url: string, cachedResponse: Response | undefined) =>
  scriptsWithoutCodeCache.cachedResponseWillBeUsed!({
    cacheName: 'workbox-precache-v2',
    request: new Request(url),
    cachedResponse,
    event: {} as ExtendableEvent,
    state: {},
  });

describe("the service worker's precached scripts", () => {
  test('reach the page as a new response with the same bytes, status and type', async () => {
    const stored = cached(SCRIPT, 'text/javascript');
    const served = await use('http://127.0.0.1/assets/index-Bv8a8obY.js', stored);
    expect(served).toBeInstanceOf(Response);
    expect(served).not.toBe(stored);
    expect(served!.status).toBe(200);
    expect(served!.statusText).toBe('OK');
    expect(served!.headers.get('content-type')).toBe('text/javascript');
    expect(await served!.text()).toBe(SCRIPT);
  });

  test('everything else is served as stored, and nothing is made up for what is not stored', async () => {
    for (const url of ['http://127.0.0.1/index.html', 'http://127.0.0.1/assets/app.css']) {
      const stored = cached('<p>', 'text/html');
      expect(await use(url, stored)).toBe(stored);
    }
    expect(await use('http://127.0.0.1/assets/index-Bv8a8obY.js', undefined)).toBeUndefined();
  });
});
