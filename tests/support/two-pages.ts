import { expect } from 'vitest';
import { openPage } from './browser.ts';
import type { BrowserScene } from './browser-scene.ts';
import { createDocumentIn } from './test-server.ts';

/** A new document from `template`, open on two pages (two people), each once it shows "All changes synced". */
export async function openTwice(scene: BrowserScene, template: string) {
  const id = await createDocumentIn(scene.server.url, scene.workspace, {
    title: 'Working session',
    template,
  });
  const a = await openPage(scene.browser, scene.documentUrl(id));
  const b = await openPage(scene.browser, scene.documentUrl(id));
  for (const { page } of [a, b])
    await expect
      .poll(() => page.locator('.status').textContent(), { timeout: 15_000 })
      .toContain('All changes synced');
  return { id, a, b };
}
