import { describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { measurePageFit } from '../support/page-fit.ts';
import { TEMPLATE_IDS } from '../../core/templates/index.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

const TEMPLATES = TEMPLATE_IDS;
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

/** Each template's widest table: the meeting calendar, the metrics, the rubric, the next steps, the pathway's steps. */
const WIDE_TABLES = ['meetings', 'metrics', 'rubric', 'next-steps', 'pathway-steps'];

const address = (path: string, token: string) =>
  new URL(`${path}?token=${token}`, scene.server.url).href;

describe('every template fits the screens it is used on', () => {
  test.each(TEMPLATES)(
    'the %s document scrolls no page sideways and cuts off no control',
    async (template) => {
      const id = await createDocumentIn(scene.server.url, scene.workspace, {
        title: `Fit check: ${template}`,
        template,
      });
      for (const screen of SCREENS) {
        const { page, context, errors } = await openPage(
          scene.browser,
          address(`/d/${id}`, scene.workspace.tokens.editor),
          { viewport: screen },
        );
        await page.locator('.section').first().waitFor();
        await page.waitForTimeout(600);
        const fit = await measurePageFit(page);
        await page.screenshot({
          path: `${SCREENSHOT_DIR}/fit-${template}-${screen.width}x${screen.height}.png`,
        });
        const table = page.locator('.table-scroll').first();
        if ((await table.count()) > 0) {
          await table.scrollIntoViewIfNeeded();
          await page.screenshot({
            path: `${SCREENSHOT_DIR}/fit-${template}-${screen.width}x${screen.height}-table.png`,
          });
        }
        expect(fit, `${template} at ${screen.width}×${screen.height}`).toEqual({
          sidewaysScroll: 0,
          cutControls: [],
        });
        if (screen.name === 'laptop') {
          const violations = await seriousViolations(page);
          expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
          // One formatting toolbar, for the note being edited, and none while no note is.
          expect(await page.getByRole('toolbar', { name: 'Formatting' }).count()).toBe(0);
          await page.locator('.ProseMirror').first().click();
          expect(await page.getByRole('toolbar', { name: 'Formatting' }).count()).toBe(1);
          await page.screenshot({
            path: `${SCREENSHOT_DIR}/fit-${template}-${screen.width}x${screen.height}-editing.png`,
          });
        }
        expect(errors).toEqual([]);
        await context.close();
      }
    },
  );
});

describe('the projector view fits the projector', () => {
  test.each(TEMPLATES)(
    'the %s document fits 1280×720, 1366×768 and 1920×1080',
    async (template) => {
      const id = await createDocumentIn(scene.server.url, scene.workspace, {
        title: `Projector check: ${template}`,
        template,
      });
      for (const screen of PROJECTORS) {
        const { page, context, errors } = await openPage(
          scene.browser,
          address(`/d/${id}/present`, scene.workspace.tokens.editor),
          { viewport: screen },
        );
        await page.locator('.slide').first().waitFor();
        await page.waitForTimeout(400);
        const fit = await measurePageFit(page, { fixedHeight: true });
        await page.screenshot({
          path: `${SCREENSHOT_DIR}/present-${template}-${screen.width}x${screen.height}.png`,
        });
        expect(fit, `${template} projector at ${screen.width}×${screen.height}`).toEqual({
          sidewaysScroll: 0,
          cutControls: [],
        });
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        expect(height).toBe(screen.height);
        // The widest table of the template, on the slide: it scrolls inside the stage, the page does not.
        const sectionIds = await page
          .locator('#present-section option')
          .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
        const tableSection = sectionIds.find((value) => WIDE_TABLES.includes(value));
        if (tableSection !== undefined) {
          await page.locator('#present-section').selectOption(tableSection);
          await page.waitForTimeout(200);
          expect(await measurePageFit(page, { fixedHeight: true })).toEqual({
            sidewaysScroll: 0,
            cutControls: [],
          });
          await page.screenshot({
            path: `${SCREENSHOT_DIR}/present-${template}-${screen.width}x${screen.height}-table.png`,
          });
        }
        expect(errors).toEqual([]);
        await context.close();
      }
    },
  );
});

describe('the projector view', () => {
  test("shows the first topic's time before the agenda starts, scrolls a long section with Space and ↓, and moves on with PageDown", async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Working session',
      template: 'roles-working-session',
    });
    const { page, context } = await openPage(
      scene.browser,
      address(`/d/${id}/present`, scene.workspace.tokens.editor),
      { viewport: { width: 1280, height: 720 } },
    );
    await page.locator('.slide').first().waitFor();
    expect(await page.locator('.agenda-timer-time').textContent()).toBe('05:00');
    expect(await page.locator('.agenda-timer-first').textContent()).toBe(
      'Meeting goals and introduction',
    );

    await page.locator('#present-section').selectOption({ index: 0 });
    const stage = page.locator('.present-stage');
    const scrolled = () => stage.evaluate((element) => element.scrollTop);
    const title = () => page.locator('.slide-title').textContent();
    const first = await title();
    expect(await stage.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(
      true,
    );
    await page.locator('.present-more').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('Space');
    await expect.poll(scrolled).toBeGreaterThan(300);
    const afterSpace = await scrolled();
    await page.keyboard.press('ArrowDown');
    await expect.poll(scrolled).toBeGreaterThan(afterSpace);
    expect(await title()).toBe(first);
    await page.keyboard.press('PageDown');
    await expect.poll(title).not.toBe(first);
    expect(await scrolled()).toBe(0);

    // The side panel folds away and the slide takes the width.
    const before = await stage.evaluate((element) => element.clientWidth);
    await page.getByRole('button', { name: 'Hide side panel' }).click();
    expect(await stage.evaluate((element) => element.clientWidth)).toBeGreaterThan(before + 300);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/present-folded-1280x720.png` });
    await page.getByRole('button', { name: 'Show side panel' }).click();
    await page.locator('.join-panel').waitFor();
    await context.close();
  });
});

describe('a table row', () => {
  test('opens as a card for long text, edits the same cell, and closes with Escape', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Calendar',
      template: 'meeting-calendar',
    });
    const { page, context } = await openPage(
      scene.browser,
      address(`/d/${id}`, scene.workspace.tokens.editor),
      { viewport: { width: 1366, height: 768 } },
    );
    await page.getByRole('button', { name: 'Open row 1 as a card' }).first().click();
    const card = page.getByRole('dialog');
    await card.waitFor();
    const field = card.getByLabel(
      'How can the district improve communication with community mental health providers?, row 1',
      { exact: true },
    );
    await field.click();
    await page.keyboard.type(
      'Monthly check-ins with each provider, with an agenda sent a week ahead.',
    );
    await page.screenshot({ path: `${SCREENSHOT_DIR}/row-card-1366x768.png` });
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => card.count()).toBe(0);
    await expect
      .poll(() =>
        page
          .getByLabel(
            'How can the district improve communication with community mental health providers?, row 1',
            { exact: true },
          )
          .first()
          .textContent(),
      )
      .toContain('Monthly check-ins');
    await context.close();
  });
});
