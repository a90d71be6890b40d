import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { shownValue } from '../support/cells.ts';
import { openPage } from '../support/browser.ts';
import { createDocumentIn } from '../support/test-server.ts';
import { useBrowserScene } from '../support/browser-scene.ts';

/** What a table cell shows: its editor's value while someone works in it, otherwise its text (cells rest as text). */

const scene = useBrowserScene();

const status = (page: Page) => page.locator('.status').textContent();
const note = (page: Page) => page.locator('.ProseMirror').first();
const taskCell = (page: Page) => page.getByLabel('Task, row 1', { exact: true });

async function typeInNote(page: Page, text: string): Promise<void> {
  await note(page).locator('p').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

describe('working offline', () => {
  test("edits made offline survive a reload without network and merge with everyone's once back online", async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const url = new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href;
    const a = await openPage(scene.browser, url);
    const b = await openPage(scene.browser, url);
    for (const { page } of [a, b])
      await expect.poll(() => status(page), { timeout: 15_000 }).toContain('All changes synced');
    // The service worker must control the page before the network goes, as it would after any first visit.
    await a.page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 15_000,
    });

    await a.context.setOffline(true);
    await expect.poll(() => status(a.page), { timeout: 15_000 }).toContain('Saved on this device');
    await typeInNote(a.page, ' offline-A');
    await taskCell(a.page).click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' +A');

    await typeInNote(b.page, ' online-B');
    await taskCell(b.page).click();
    await b.page.keyboard.press('Control+Home');
    await b.page.keyboard.type('B: ');

    // Reload with the network still gone: the app shell comes from the service worker and the
    // document, with A's offline edits, from IndexedDB.
    await a.page.reload();
    await expect.poll(() => note(a.page).textContent(), { timeout: 15_000 }).toContain('offline-A');
    expect(await shownValue(taskCell(a.page))).toMatch(/ \+A$/);
    expect(await note(a.page).textContent()).not.toContain('online-B');
    expect(await status(a.page)).toContain('Saved on this device');

    await a.context.setOffline(false);
    for (const { page } of [a, b]) {
      await expect
        .poll(() => note(page).textContent(), { timeout: 20_000 })
        .toMatch(/offline-A[\s\S]*online-B|online-B[\s\S]*offline-A/);
      await expect
        .poll(() => shownValue(taskCell(page)), { timeout: 20_000 })
        .toMatch(/^B: .* \+A$/);
    }
    await expect.poll(() => status(a.page), { timeout: 20_000 }).toContain('All changes synced');
    await a.context.close();
    await b.context.close();
  });
});
