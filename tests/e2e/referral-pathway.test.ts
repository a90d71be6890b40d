import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { fillCell } from '../support/cells.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

const pathwaySection = (page: Page) =>
  page.locator('section.section', {
    has: page.getByRole('heading', { level: 2, name: 'Referral pathway' }),
  });
/**
 * The diagram's text, box by box and label by label, as this person sees it. The diagram follows
 * the table only while it is near the window (like the charts), so this brings it there first.
 */
async function diagramText(page: Page): Promise<string> {
  await pathwaySection(page).locator('.data-view-slot').scrollIntoViewIfNeeded();
  const svg = pathwaySection(page).locator('svg.pathway-diagram');
  if ((await svg.count()) === 0) return '';
  // Each wrapped line is its own tspan: joined with spaces, a box reads as its words.
  return svg.evaluate(
    (element) => [...element.querySelectorAll('tspan')].map((line) => line.textContent).join(' '),
    undefined,
    { timeout: 2_000 },
  );
}

describe('the referral pathway', () => {
  test(
    'two people build it at once and both see the same diagram, on the page, the projector and the handout',
    { timeout: 180_000 },
    async () => {
      const id = await createDocumentIn(scene.server.url, scene.workspace, {
        title: 'Referral pathway',
        template: 'referral-pathway',
      });
      const url = new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href;
      const a = await openPage(scene.browser, url, { viewport: { width: 1366, height: 768 } });
      const b = await openPage(scene.browser, url, { viewport: { width: 1366, height: 768 } });
      for (const { page } of [a, b]) {
        await expect
          .poll(() => diagramText(page), { timeout: 15_000 })
          .toContain('Screening and urgency check');
      }

      // A adds a step and a branch to it while B renames the role of the second step.
      const rows = await pathwaySection(a.page).locator('tbody tr').count();
      await pathwaySection(a.page).getByRole('button', { name: 'Add row' }).click();
      await Promise.all([
        (async () => {
          await fillCell(
            a.page.getByLabel(`Step, row ${rows + 1}`, { exact: true }),
            'Provider waitlist check',
          );
          await fillCell(
            a.page.getByLabel('Branch: if, row 6', { exact: true }),
            'No slot within 10 days',
          );
          await fillCell(
            a.page.getByLabel('Branch: go to, row 6', { exact: true }),
            'Provider waitlist check',
          );
        })(),
        fillCell(
          b.page.getByLabel('Who does it (role), row 2', { exact: true }),
          'Counselor on duty',
        ),
      ]);

      for (const { page } of [a, b]) {
        await expect
          .poll(() => diagramText(page), { timeout: 15_000 })
          .toMatch(
            /Provider waitlist check.*Counselor on duty|Counselor on duty.*Provider waitlist check/,
          );
        await expect
          .poll(() => diagramText(page), { timeout: 15_000 })
          .toContain('No slot within 10 days');
      }
      await expect
        .poll(async () => (await diagramText(a.page)) === (await diagramText(b.page)), {
          timeout: 15_000,
        })
        .toBe(true);

      // A branch to a step nobody wrote yet is drawn and named, not dropped.
      await fillCell(a.page.getByLabel('Branch: go to, row 7', { exact: true }), 'Family liaison');
      await expect
        .poll(() => diagramText(b.page), { timeout: 15_000 })
        .toContain('Not a step in the table');
      await expect
        .poll(() => pathwaySection(b.page).locator('.pathway-problems').textContent(), {
          timeout: 15_000,
        })
        .toContain('“Family liaison”, which is not a step in the table');

      await pathwaySection(a.page)
        .locator('.pathway-diagram-panel')
        .screenshot({ path: `${SCREENSHOT_DIR}/pathway-diagram-1366.png` });
      const pageWidth = await a.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(pageWidth).toBeLessThanOrEqual(0);
      expect(await seriousViolations(a.page)).toEqual([]);

      // The projector shows the steps slide with the same diagram.
      await a.page.goto(new URL(`/d/${id}/present#pathway-steps`, scene.server.url).href);
      await expect
        .poll(
          () =>
            a.page
              .locator('svg.pathway-diagram tspan')
              .allTextContents()
              .then((lines) => lines.join(' ')),
          { timeout: 15_000 },
        )
        .toContain('Provider waitlist check');
      await a.page.screenshot({ path: `${SCREENSHOT_DIR}/pathway-projector-1366.png` });

      // And the handout prints it.
      await a.page.goto(new URL(`/d/${id}/print`, scene.server.url).href);
      await a.page.locator('main.handout[data-ready="true"]').waitFor({ timeout: 15_000 });
      expect(await a.page.locator('main.handout svg.pathway-diagram').count()).toBe(1);
      expect(
        await a.page.locator('main.handout figcaption ol li').allTextContents(),
      ).toContainEqual(expect.stringContaining('Provider waitlist check'));
      await a.page.screenshot({ path: `${SCREENSHOT_DIR}/pathway-print.png`, fullPage: true });

      expect([...a.errors, ...b.errors]).toEqual([]);
      await a.context.close();
      await b.context.close();
    },
  );
});
