import { expect } from 'vitest';
import { openPage } from './browser.ts';
import type { BrowserScene } from './browser-scene.ts';
import { createDocumentIn } from './test-server.ts';

/**
 * A first visit to a new document's page, left open until the service worker controls it, so
 * that the next page in the same context is a second visit (the worker's routes apply).
 */
export async function firstVisitUnderWorker(scene: BrowserScene, title: string) {
  const id = await createDocumentIn(scene.server.url, scene.workspace, {
    title,
    template: 'barriers',
  });
  const url = scene.documentUrl(id);
  const first = await openPage(scene.browser, url);
  await expect
    .poll(() => first.page.locator('.status').textContent(), { timeout: 15_000 })
    .toContain('All changes synced');
  await first.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
    timeout: 15_000,
  });
  return { url, first };
}
