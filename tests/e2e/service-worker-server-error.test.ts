import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, test } from 'vitest';
import { useBrowserScene } from '../support/browser-scene.ts';
import { firstVisitUnderWorker } from '../support/service-worker-visit.ts';

/**
 * Issue 21: a document's address races the network against the service worker's route
 * (client/sw.ts). When the server answers with a 5xx (a restart, an overloaded node), the page
 * must still be the cached shell, which opens the document from the device, not the error.
 */
const scene = useBrowserScene({ PATHWAYS_FIRST_SCREEN_BUDGET_MS: '10000' });
let failing: Server | null = null;
afterAll(() => failing?.close());

describe("a document's address when the server fails", () => {
  test('opens the cached shell and the device copy, not the 5xx', async () => {
    const { url, first } = await firstVisitUnderWorker(scene, 'Server down plan');

    // The server goes, and something answering 503 takes its port.
    const port = Number(new URL(scene.server.url).port);
    const server = scene.server;
    scene.server = { ...server, stop: async () => {} };
    await server.stop();
    failing = createServer((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.end('Service unavailable');
    });
    await new Promise<void>((resolve) => failing!.listen(port, '127.0.0.1', resolve));

    const warm = await first.context.newPage();
    const response = await warm.goto(url);
    expect(response?.status()).toBe(200);
    expect(await response?.text()).not.toContain('Service unavailable');
    await expect
      .poll(() => warm.getByLabel('Document title', { exact: true }).inputValue(), {
        timeout: 15_000,
      })
      .toBe('Server down plan');
    await first.context.close();
  });
});
