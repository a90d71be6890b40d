import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type * as Y from 'yjs';
import { fillCell, shownValue } from '../support/cells.ts';
import { addRow, setCell } from '../../core/schema/index.ts';
import {
  METRICS_COLUMNS as C,
  METRICS_SECTION_ID,
  RUBRIC_SECTION_ID,
} from '../../core/templates/index.ts';
import { connectStockClient, waitFor } from '../support/sync-clients.ts';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

const metricsSection = (page: Page) =>
  page.locator(`section[aria-labelledby="section-${METRICS_SECTION_ID}"]`);

/** The data view is drawn once it comes near the window, as when a person scrolls down to it. */
async function scrollToDataView(section: Locator): Promise<void> {
  const slot = section.locator('.data-view-slot');
  await slot.waitFor({ state: 'attached' });
  await slot.evaluate((element) => element.scrollIntoView({ block: 'center' }));
}

async function enterPeriod(
  page: Page,
  row: number,
  values: {
    period: string;
    provider: string;
    referred: number;
    offered: number;
    initiated: number;
    active: number;
  },
) {
  const section = metricsSection(page);
  await section.getByRole('button', { name: 'Add row', exact: true }).click();
  const cell = (title: string): Locator =>
    section.getByLabel(`${title}, row ${row}`, { exact: true });
  await fillCell(cell('Period'), values.period);
  await fillCell(cell('Provider'), values.provider);
  await fillCell(cell('Students referred'), String(values.referred));
  await fillCell(cell('Offered services'), String(values.offered));
  await fillCell(cell('Initiated services'), String(values.initiated));
  await fillCell(cell('Active after one month'), String(values.active));
}

/** One month of Harbor Health's referrals in the metrics table, as a stock client adds it; its row id. */
function addMonth(doc: Y.Doc, period: string): string {
  const added = addRow(doc, METRICS_SECTION_ID, {
    values: {
      [C.period]: period,
      [C.provider]: 'Harbor Health',
      [C.referred]: 40,
      [C.offered]: 30,
      [C.initiated]: 20,
      [C.active]: 10,
    },
  });
  if (!added.ok) throw new Error(added.message);
  return added.id;
}

describe('data review', () => {
  test('two periods entered in the table give a funnel chart, the change against the previous period and a trend', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      template: 'data-review',
    });
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    await metricsSection(page).waitFor();
    await scrollToDataView(metricsSection(page));
    await expect.poll(() => page.getByText('Enter a period (for example 2026-09)').count()).toBe(1);

    await enterPeriod(page, 1, {
      period: '2026-09',
      provider: 'Harbor Health',
      referred: 40,
      offered: 30,
      initiated: 20,
      active: 12,
    });
    await enterPeriod(page, 2, {
      period: '2026-10',
      provider: 'Harbor Health',
      referred: 50,
      offered: 45,
      initiated: 30,
      active: 20,
    });

    const funnel = page.getByRole('figure', { name: 'Referral funnel, 2026-10, All providers' });
    await expect
      .poll(() => funnel.locator('figcaption').textContent())
      .toBe(
        '50 students referred; offered services 45 (90%), initiated services 30 (60%), active after one month 20 (40%).',
      );
    // The chart is one image of Plot's drawing, its bars inside it.
    const funnelImage = funnel.locator('.chart-canvas img');
    await expect.poll(() => funnelImage.count()).toBe(1);
    expect(
      decodeURIComponent((await funnelImage.getAttribute('src')) ?? '').split('<rect').length - 1,
    ).toBeGreaterThanOrEqual(4);

    const change = page.locator('table.period-change');
    await expect
      .poll(() => change.locator('caption').textContent())
      .toBe('2026-10 compared with 2026-09, All providers');
    const changeRow = (name: string) =>
      change.getByRole('row', { name: new RegExp(`^${name}`) }).locator('td');
    expect(await changeRow('Students referred').allTextContents()).toEqual(['40', '50', '+10']);
    expect(await changeRow('% offered services').allTextContents()).toEqual([
      '75%',
      '90%',
      '+15 points',
    ]);

    // The chart's data table is one keystroke away: the button right after the chart; it is
    // built when shown, and for printing.
    expect(await funnel.locator('.chart-data table').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => funnel.locator('.chart-data table').count()).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => funnel.locator('.chart-data table').count()).toBe(0);
    await funnel.getByRole('button', { name: 'Show data table' }).focus();
    await page.keyboard.press('Enter');
    expect(
      await funnel
        .getByRole('row', { name: /Initiated services/ })
        .locator('td')
        .allTextContents(),
    ).toEqual(['30', '60%']);

    const trend = page.getByRole('figure', { name: 'Offered services, by period' });
    await expect
      .poll(() => trend.locator('figcaption').textContent())
      .toBe(
        'All providers: 75% in 2026-09, 90% in 2026-10. Harbor Health: 75% in 2026-09, 90% in 2026-10.',
      );

    expect(JSON.stringify(await seriousViolations(page))).toBe('[]');
    await metricsSection(page).screenshot({ path: `${SCREENSHOT_DIR}/data-review-charts.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('while the person types, a row edited by someone else shows at once and the charts follow it once the typing stops', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      template: 'data-review',
    });
    const editor = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
    await editor.synced;
    const rowIds = ['2026-09', '2026-10'].map((period) => addMonth(editor.doc, period));
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    await scrollToDataView(metricsSection(page));
    const funnel = page.getByRole('figure', { name: 'Referral funnel, 2026-10, All providers' });
    const caption = () => funnel.locator('figcaption').textContent();
    await expect.poll(caption, { timeout: 10_000 }).toMatch(/^40 students referred;/);

    const provider = metricsSection(page).getByLabel('Provider, row 1', { exact: true });
    await provider.click();
    await page.keyboard.press('End');
    const typing = page.keyboard.type(' and partners', { delay: 60 });
    await page.waitForTimeout(200);
    setCell(editor.doc, METRICS_SECTION_ID, rowIds[1]!, C.referred, 60);
    const referred = metricsSection(page).getByLabel('Students referred, row 2', { exact: true });
    await expect.poll(() => shownValue(referred)).toBe('60');
    await typing;
    await expect.poll(caption, { timeout: 10_000 }).toMatch(/^60 students referred;/);
    expect(await provider.inputValue()).toBe('Harbor Health and partners');
    expect(errors).toEqual([]);
    editor.destroy();
    await context.close();
  });

  test('a count that cannot be right is flagged in words, and left as entered', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      template: 'data-review',
    });
    const { page, context } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    await enterPeriod(page, 1, {
      period: '2026-09',
      provider: 'Harbor Health',
      referred: 10,
      offered: 12,
      initiated: 5,
      active: 5,
    });
    const flags = page.getByRole('region', { name: 'Numbers to check' });
    await expect
      .poll(() => flags.locator('li').allTextContents())
      .toEqual([
        'Row 1, Offered services: 12 is more than 10: students offered services cannot outnumber students referred.',
      ]);
    // The flag takes the person to the cell, which opens for editing.
    await flags.getByRole('button', { name: 'Row 1, Offered services' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Offered services, row 1');
    expect(
      await shownValue(metricsSection(page).getByLabel('Offered services, row 1', { exact: true })),
    ).toBe('12');
    await context.close();
  });

  test('a CSV import with one bad row reports it by line and column and adds the good rows only when confirmed', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      template: 'data-review',
    });
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    const file = join(mkdtempSync(join(tmpdir(), 'pathways-csv-')), 'metrics.csv');
    writeFileSync(
      file,
      [
        'Period,Provider,Students referred,Offered services',
        '2026-09,Harbor Health,40,30',
        '2026-10,Harbor Health,forty,30',
        '2026-11,Harbor Health,44,41',
      ].join('\n'),
    );
    await scrollToDataView(metricsSection(page));
    await page.getByLabel('Import metrics from a CSV file').setInputFiles(file);
    const review = page.locator('.import-review');
    await expect
      .poll(() => review.locator('li').allTextContents())
      .toEqual(['Line 3, Students referred: "forty" is not a number.']);
    expect(await review.locator('p').first().textContent()).toBe(
      'metrics.csv: 2 rows are ready to add, 1 problem found.',
    );
    expect(await metricsSection(page).locator('.table-scroll > table > tbody > tr').count()).toBe(
      0,
    );

    await page.getByRole('button', { name: 'Add 2 rows' }).click();
    await expect
      .poll(() => metricsSection(page).locator('.table-scroll > table > tbody > tr').count())
      .toBe(2);
    expect(
      await shownValue(metricsSection(page).getByLabel('Period, row 2', { exact: true })),
    ).toBe('2026-11');
    await expect
      .poll(() =>
        page.getByRole('status').filter({ hasText: 'Added 2 rows from metrics.csv.' }).count(),
      )
      .toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a new assessment round closes the last one and compares the two in a chart', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      template: 'assessment',
    });
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    const rubric = page.locator(`section[aria-labelledby="section-${RUBRIC_SECTION_ID}"]`);
    const answer = (column: string, row: number) =>
      rubric.getByLabel(`${column}, row ${row}: your answer`, { exact: true });
    await scrollToDataView(rubric);
    await answer('How often', 1).selectOption({ label: 'Rarely' });
    await answer('How often', 2).selectOption({ label: 'Often' });

    await page.getByLabel('Name of the round that ends').fill('Fall 2026');
    await page.getByLabel('Name of the new round').fill('Spring 2027');
    await page.getByRole('button', { name: 'Start round' }).click();

    await answer('Spring 2027', 1).selectOption({ label: 'Often' });
    await answer('Spring 2027', 2).selectOption({ label: 'Often' });
    // The closed round shows its answers and takes no new ones.
    await expect.poll(() => answer('Fall 2026', 1).count()).toBe(0);
    expect(
      await rubric.getByLabel('Fall 2026, row 1: answers so far', { exact: true }).textContent(),
    ).toContain('Rarely1');

    const chart = page.getByRole('figure', {
      name: 'Fall 2026 to Spring 2027, median answer per practice',
    });
    await expect
      .poll(() => chart.locator('figcaption').textContent())
      .toBe(
        'Of 2 practices rated in both rounds, 1 rose, 0 fell and 1 stayed the same from Fall 2026 to Spring 2027 (median answer).',
      );
    await expect.poll(() => chart.locator('.chart-canvas img').count()).toBe(1);
    expect(JSON.stringify(await seriousViolations(page))).toBe('[]');
    await chart.screenshot({ path: `${SCREENSHOT_DIR}/assessment-rounds.png` });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('under a long table the charts load only when a person scrolls to them, and are then current', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      template: 'data-review',
    });
    const editor = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
    await editor.synced;
    for (let month = 1; month <= 40; month++) {
      const period = `20${String(23 + Math.floor((month - 1) / 12))}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`;
      addMonth(editor.doc, period);
    }
    await waitFor('the rows to reach the server', () => editor.provider.synced);
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    const section = metricsSection(page);
    await expect
      .poll(() => section.locator('.table-scroll > table > tbody > tr').count(), {
        timeout: 15_000,
      })
      .toBe(40);
    const chartCode = () =>
      page.evaluate(
        () =>
          performance
            .getEntriesByType('resource')
            .filter((entry) => /metrics-panel/.test(entry.name)).length,
      );
    expect(await chartCode()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Data view', exact: true }).count()).toBe(1); // the placeholder's, for screen readers
    expect(await page.locator('.data-view').count()).toBe(0);

    await scrollToDataView(section);
    const funnel = page.getByRole('figure', { name: /^Referral funnel, 2026-04/ });
    await expect.poll(() => funnel.count(), { timeout: 10_000 }).toBe(1);
    expect(await chartCode()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Data view', exact: true }).count()).toBe(1);
    expect(errors).toEqual([]);
    editor.destroy();
    await context.close();
  });

  test('a viewer link shows small counts as "fewer than 10" and the rates made from them as "suppressed"', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      template: 'data-review',
    });
    const editor = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
    await editor.synced;
    addRow(editor.doc, METRICS_SECTION_ID, {
      values: {
        [C.period]: '2026-09',
        [C.provider]: 'Harbor Health',
        [C.referred]: 40,
        [C.offered]: 7,
        [C.initiated]: 5,
        [C.active]: 0,
      },
    });
    await waitFor('the row to reach the server', () => editor.provider.synced);
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.viewer),
    );
    const cell = (title: string) =>
      metricsSection(page).getByLabel(`${title}, row 1`, { exact: true });
    await expect.poll(() => cell('Offered services').textContent()).toBe('fewer than 10');
    await scrollToDataView(metricsSection(page));
    expect(await cell('% offered').textContent()).toBe('suppressed');
    expect(await cell('Students referred').inputValue()).toBe('40');
    const funnel = page.getByRole('figure', { name: 'Referral funnel, 2026-09, All providers' });
    await expect
      .poll(() => funnel.locator('figcaption').textContent())
      .toBe(
        '40 students referred; offered services fewer than 10, initiated services fewer than 10, active after one month 0 (0%).',
      );
    expect(await page.content()).not.toMatch(/offered services 7\b/);
    expect(errors).toEqual([]);
    editor.destroy();
    await context.close();
  });

  test('text that looks like a student identifier gets a gentle reminder, which the person can set aside', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      template: 'data-review',
    });
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    const note = page.locator('section[aria-labelledby="section-about"] .ProseMirror');
    await note.locator('p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Ask jamie.r@students.example.org, id 204417.');
    const hint = page.getByRole('complementary', { name: 'Possible student information' });
    await expect
      .poll(() => hint.locator('p').first().textContent(), { timeout: 10_000 })
      .toContain(
        'an e-mail address and a student id number: “jamie.r@students.example.org”, “204417”',
      );
    expect(await hint.textContent()).toContain(
      'Reminder: Please consult with your legal team before sharing any student-level data.',
    );
    expect(JSON.stringify(await seriousViolations(page))).toBe('[]');
    await hint.getByRole('button', { name: 'Keep as is' }).click();
    await expect.poll(() => hint.count()).toBe(0);
    expect(await note.textContent()).toContain('jamie.r@students.example.org, id 204417.');
    expect(errors).toEqual([]);
    await context.close();
  });
});
