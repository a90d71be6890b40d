import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { addRow } from '../../core/schema/index.ts';
import { METRICS_COLUMNS as C, METRICS_SECTION_ID } from '../../core/templates/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { connectStockClient, waitFor } from '../support/sync-clients.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();
const ROWS = 200;
/** The row whose offered count is above its referred count, so the data view flags it. */
const FLAGGED_ROW = 150;

const metricsSection = (page: Page) =>
  page.locator(`section[aria-labelledby="section-${METRICS_SECTION_ID}"]`);
const mountedRows = (page: Page) => metricsSection(page).locator('tbody > tr[data-row]').count();
const focusedLabel = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

/** A data review whose metrics table a stock client filled with 200 rows, one period each. */
async function createLongDataReview(): Promise<string> {
  const id = await createDocumentIn(scene.server.url, scene.workspace, { template: 'data-review' });
  const writer = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
  await writer.synced;
  writer.doc.transact(() => {
    for (let row = 1; row <= ROWS; row++) {
      const period = `${2000 + Math.floor((row - 1) / 12)}-${String(((row - 1) % 12) + 1).padStart(2, '0')}`;
      const offered = row === FLAGGED_ROW ? 90 : 30;
      const added = addRow(writer.doc, METRICS_SECTION_ID, {
        values: {
          [C.period]: period,
          [C.provider]: 'Harbor Health',
          [C.referred]: 40,
          [C.offered]: offered,
          [C.initiated]: 20,
          [C.active]: 10,
        },
      });
      if (!added.ok) throw new Error(added.message);
    }
  });
  await waitFor('the rows to reach the server', () => writer.provider.synced);
  writer.destroy();
  return id;
}

describe('a long table', () => {
  test('mounts only the rows near its view, and keyboard, row numbers, adding a row, the data view and printing still reach every row', async () => {
    const id = await createLongDataReview();
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
      { viewport: { width: 1366, height: 768 } },
    );
    const section = metricsSection(page);
    await section.getByLabel('Period, row 1', { exact: true }).waitFor({ timeout: 15_000 });
    const mounted = await mountedRows(page);
    expect(mounted).toBeGreaterThan(5);
    expect(mounted).toBeLessThan(60);
    // A screen reader hears where it is in the whole table, not in the mounted part.
    expect(await section.locator('table').getAttribute('aria-rowcount')).toBe(String(ROWS + 1));
    expect(
      await section
        .getByLabel('Period, row 1', { exact: true })
        .locator('xpath=ancestor::tr')
        .getAttribute('aria-rowindex'),
    ).toBe('2');
    expect(JSON.stringify(await seriousViolations(page))).toBe('[]');
    await section.locator('.table-scroll').evaluate((box) => box.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/long-table-1366x768.png` });

    // Down the Period column by keyboard, well past the rows mounted at first.
    await section.getByLabel('Period, row 1', { exact: true }).click();
    await page.keyboard.press('Escape');
    for (let step = 0; step < 70; step++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => focusedLabel(page)).toBe('Period, row 71');
    expect(
      await section
        .getByLabel('Period, row 71', { exact: true })
        .locator('xpath=ancestor::tr')
        .getAttribute('aria-rowindex'),
    ).toBe('72');
    expect(await mountedRows(page)).toBeLessThan(80);

    // Scrolled to the end, the last rows are there.
    await section
      .locator('.table-scroll')
      .evaluate((box) => box.scrollTo({ top: box.scrollHeight }));
    await expect
      .poll(() => section.getByLabel(`Period, row ${ROWS}`, { exact: true }).count())
      .toBe(1);

    // Scrolled back to the top, a new row is still the one that takes the focus.
    await section.locator('.table-scroll').evaluate((box) => box.scrollTo({ top: 0 }));
    await section.getByRole('button', { name: 'Add row', exact: true }).click();
    await expect.poll(() => focusedLabel(page)).toBe(`Period, row ${ROWS + 1}`);

    // The data view's flag takes the person to a cell far down the table.
    await section.locator('.table-scroll').evaluate((box) => box.scrollTo({ top: 0 }));
    await section
      .locator('.data-view-slot')
      .evaluate((slot) => slot.scrollIntoView({ block: 'center' }));
    const flag = page
      .getByRole('region', { name: 'Numbers to check' })
      .getByRole('button', { name: `Row ${FLAGGED_ROW}, Offered services` });
    await flag.waitFor({ timeout: 15_000 });
    await flag.click();
    await expect.poll(() => focusedLabel(page)).toBe(`Offered services, row ${FLAGGED_ROW}`);

    // Printing shows every row.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await mountedRows(page)).toBe(ROWS + 1);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect.poll(() => mountedRows(page)).toBeLessThan(80);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('on a phone every row is a card, all of them in the page', async () => {
    const id = await createLongDataReview();
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
      { viewport: { width: 390, height: 844 } },
    );
    const section = metricsSection(page);
    await section.getByLabel('Period, row 1', { exact: true }).waitFor({ timeout: 15_000 });
    await expect.poll(() => mountedRows(page), { timeout: 10_000 }).toBe(ROWS);
    await section.getByLabel('Period, row 1', { exact: true }).scrollIntoViewIfNeeded();
    expect(JSON.stringify(await seriousViolations(page))).toBe('[]');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/long-table-390x844.png` });
    // The page does not scroll sideways.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
