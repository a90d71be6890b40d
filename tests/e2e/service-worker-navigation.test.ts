import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { waitForLivePage } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { firstVisitUnderWorker } from '../support/service-worker-visit.ts';

/**
 * Issue 21: once the service worker controls the app, a document's address still goes to the
 * server first (client/sw.ts), so a second visit gets the server's first screen; offline, the
 * cached shell opens the document from the device.
 */
// The machine running the tests is shared and busy; the first screen is what is tested, not its budget.
const scene = useBrowserScene({ PATHWAYS_FIRST_SCREEN_BUDGET_MS: '10000' });

const status = (page: Page) => page.locator('.status').textContent();
/** Which of the worker's static routes the navigation matched, if any (Chromium's Resource Timing). */
const matchedRoute = (page: Page) =>
  page.evaluate(
    () =>
      (
        performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & {
          workerMatchedSourceType?: string;
        }
      ).workerMatchedSourceType ?? null,
  );
const cameThroughServiceWorker = (page: Page) =>
  page.evaluate(
    () =>
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).workerStart >
      0,
  );

describe("a document's address under the service worker", () => {
  test("gets the server's first screen on a later visit, and the cached shell offline", async () => {
    const { url, first } = await firstVisitUnderWorker(scene, 'Warm visit plan');

    const warm = await first.context.newPage();
    const warmResponse = await warm.goto(url);
    const warmHtml = (await warmResponse?.text()) ?? '';
    // The browser sent it to the server itself, racing the worker (client/sw.ts), which it controls.
    expect(await matchedRoute(warm)).toBe('race-network-and-fetch-handler');
    expect(await warm.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(warmHtml).toContain('id="first-screen"');
    expect(warmHtml).toContain('Warm visit plan');
    // Its stylesheet is in the page: the first screen is painted without another request.
    expect(warmHtml).toContain('<style>');
    expect(warmHtml).not.toMatch(/<link rel="stylesheet"[^>]*\/assets\//);
    await waitForLivePage(warm);
    await expect.poll(() => status(warm), { timeout: 15_000 }).toContain('All changes synced');
    await warm.close();

    await first.context.setOffline(true);
    const offline = await first.context.newPage();
    const offlineResponse = await offline.goto(url);
    expect(await cameThroughServiceWorker(offline)).toBe(true);
    // The app shell, which holds nothing of the document; the page reads it from this device.
    expect(await offlineResponse?.text()).not.toContain('first-screen');
    await expect
      .poll(() => offline.getByLabel('Document title', { exact: true }).inputValue(), {
        timeout: 15_000,
      })
      .toBe('Warm visit plan');
    await expect.poll(() => status(offline), { timeout: 15_000 }).toContain('Saved on this device');
    expect(first.errors).toEqual([]);
    await first.context.close();
  });
});
