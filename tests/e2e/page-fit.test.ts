import { describe, expect, test } from 'vitest';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { measurePageFit } from '../support/page-fit.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

const TEMPLATES = ['barriers', 'roles-working-session', 'data-review', 'meeting-calendar', 'assessment'] as const;
const SCREENS = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'small-laptop', width: 1280, height: 720 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const PROJECTORS = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

const address = (path: string, token: string) => new URL(`${path}?token=${token}`, scene.server.url).href;

describe('every template fits the screens it is used on', () => {
  test.each(TEMPLATES)('the %s document scrolls no page sideways and cuts off no control', async (template) => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, { title: `Fit check: ${template}`, template });
    for (const screen of SCREENS) {
      const { page, context, errors } = await openPage(scene.browser, address(`/d/${id}`, scene.workspace.tokens.editor), { viewport: screen });
      await page.locator('.section').first().waitFor();
      await page.waitForTimeout(600);
      const fit = await measurePageFit(page);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/fit-${template}-${screen.width}x${screen.height}.png` });
      const table = page.locator('.table-scroll').first();
      if ((await table.count()) > 0) {
        await table.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SCREENSHOT_DIR}/fit-${template}-${screen.width}x${screen.height}-table.png` });
      }
      expect(fit, `${template} at ${screen.width}×${screen.height}`).toEqual({ sidewaysScroll: 0, cutControls: [] });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('the projector view fits the projector', () => {
  test.each(TEMPLATES)('the %s document fits 1280×720, 1366×768 and 1920×1080', async (template) => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, { title: `Projector check: ${template}`, template });
    for (const screen of PROJECTORS) {
      const { page, context, errors } = await openPage(scene.browser, address(`/d/${id}/present`, scene.workspace.tokens.editor), { viewport: screen });
      await page.locator('.slide').first().waitFor();
      await page.waitForTimeout(400);
      const fit = await measurePageFit(page, { fixedHeight: true });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/present-${template}-${screen.width}x${screen.height}.png` });
      expect(fit, `${template} projector at ${screen.width}×${screen.height}`).toEqual({ sidewaysScroll: 0, cutControls: [] });
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBe(screen.height);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
