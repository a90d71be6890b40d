import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { openPage } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { createDocumentIn } from '../support/test-server.ts';

/** Every store call takes this long, as on a slow database: the window where the status could lie. */
const STORE_LATENCY_MS = 800;

const scene = useBrowserScene({ PATHWAYS_STORE_LATENCY_MS: String(STORE_LATENCY_MS) });

const status = (page: Page) => page.locator('.status').textContent();

/** Records every text the status shows from now on, with when it showed (ms, page clock). */
async function recordStatus(page: Page): Promise<() => Promise<{ text: string; at: number }[]>> {
  await page.evaluate(() => {
    const shown: { text: string; at: number }[] = [];
    (window as unknown as { statusHistory: typeof shown }).statusHistory = shown;
    const element = document.querySelector('.status')!;
    new MutationObserver(() => {
      const text = element.textContent ?? '';
      if (shown.at(-1)?.text !== text) shown.push({ text, at: performance.now() });
    }).observe(element, { childList: true, subtree: true, characterData: true });
  });
  return () =>
    page.evaluate(() => (window as unknown as { statusHistory: [] }).statusHistory.slice());
}

describe('"All changes synced" after deleting', () => {
  test('a deletion shows "Syncing…" until the relay has stored it, though it leaves the state vector as it was', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const { page } = await openPage(scene.browser, scene.documentUrl(id));
    const note = page.locator('.ProseMirror').first();
    await note.locator('p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' draft');
    await expect.poll(() => status(page), { timeout: 30_000 }).toContain('All changes synced');

    const history = await recordStatus(page);
    const deletedAt = await page.evaluate(() => performance.now());
    for (let i = 0; i < ' draft'.length; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => note.textContent()).not.toContain('draft');
    await expect
      .poll(async () => (await history()).map((entry) => entry.text), { timeout: 30_000 })
      .toEqual(['Syncing…', 'All changes synced']);
    const [, synced] = await history();
    // Only the relay's answer after storing the deletion may bring "synced" back.
    expect(synced!.at - deletedAt).toBeGreaterThanOrEqual(STORE_LATENCY_MS);

    const fresh = await openPage(scene.browser, scene.documentUrl(id));
    await expect
      .poll(() => status(fresh.page), { timeout: 30_000 })
      .toContain('All changes synced');
    expect(await fresh.page.locator('.ProseMirror').first().textContent()).not.toContain('draft');
  });
});
