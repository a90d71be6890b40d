import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { openPage } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { shownValue } from '../support/cells.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

/** The focused element: its tag and accessible name. */
const focused = (page: Page) =>
  page.evaluate(() => ({
    tag: document.activeElement?.tagName ?? '',
    label: document.activeElement?.getAttribute('aria-label') ?? '',
  }));

/**
 * A barriers document's page with a second row just added to its next steps by "Add row", which
 * puts the caret in the new row's first cell.
 */
async function openNextStepsWithNewRow(options: { fakeClock?: boolean } = {}) {
  const id = await createDocumentIn(scene.server.url, scene.workspace, {
    title: 'Barriers',
    template: 'barriers',
  });
  const opened = await openPage(scene.browser, scene.documentUrl(id), options);
  const { page } = opened;
  const task = (row: number) => page.getByLabel(`Task, row ${row}`, { exact: true });
  await task(1).scrollIntoViewIfNeeded();
  const nextSteps = page.locator('.table-section').filter({ has: task(1) });
  await nextSteps.getByRole('button', { name: 'Add row', exact: true }).click();
  await expect
    .poll(() => focused(page), { timeout: 10_000 })
    .toEqual({ tag: 'TEXTAREA', label: 'Task, row 2' });
  return { ...opened, task };
}

describe('working a table by keyboard, as in a spreadsheet', () => {
  test('arrows at the edge of the text, Enter, Shift+Enter, Escape and typing on a selected cell', async () => {
    const { page, context, errors, task } = await openNextStepsWithNewRow();
    await page.keyboard.type('Call the clinic');

    // Shift+Enter goes up, Enter down; the caret arrives at the end of the text.
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => focused(page)).toEqual({ tag: 'TEXTAREA', label: 'Task, row 1' });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toEqual({ tag: 'TEXTAREA', label: 'Task, row 2' });
    expect(await shownValue(task(2))).toBe('Call the clinic');

    // Right at the end of the text moves to the next cell; Left at its start comes back.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => focused(page)).toMatchObject({ label: 'Owner, row 2' });
    await page.keyboard.type('Kim');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => focused(page)).toEqual({ tag: 'TEXTAREA', label: 'Task, row 2' });
    // Left in the middle of the text moves the caret, not the cell.
    await page.keyboard.press('ArrowLeft');
    expect(await focused(page)).toEqual({ tag: 'TEXTAREA', label: 'Task, row 2' });
    await page.keyboard.press('End');

    // Alt+Enter is a new line in a long-text cell; Up from its last line stays in the cell.
    await page.keyboard.press('Alt+Enter');
    await page.keyboard.type('by Friday');
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toEqual({ tag: 'TEXTAREA', label: 'Task, row 2' });
    expect(await shownValue(task(2))).toBe('Call the clinic\nby Friday');

    // Escape leaves the cell, which stays selected; arrows move the selection; typing edits.
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toEqual({ tag: 'DIV', label: 'Task, row 2' });
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focused(page)).toEqual({ tag: 'DIV', label: 'Task, row 1' });
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => focused(page)).toEqual({ tag: 'DIV', label: 'Task, row 2' });
    await page.keyboard.type('!');
    await expect.poll(() => focused(page)).toEqual({ tag: 'TEXTAREA', label: 'Task, row 2' });
    await expect.poll(() => shownValue(task(2))).toBe('Call the clinic\nby Friday!');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toEqual({ tag: 'TEXTAREA', label: 'Task, row 2' });

    expect(
      await page
        .getByLabel('Owner, row 2', { exact: true })
        .evaluate((element) => element.textContent),
    ).toBe('Kim');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('moving out of a cell and straight back keeps it open, however late its timer runs', async () => {
    const { page, context, task } = await openNextStepsWithNewRow({ fakeClock: true });
    // A busy page runs keystrokes ahead of timers: here the timers wait until both keys are handled.
    await page.clock.pauseAt(Date.now() + 1000);
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => focused(page)).toEqual({ tag: 'TEXTAREA', label: 'Task, row 1' });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toEqual({ tag: 'TEXTAREA', label: 'Task, row 2' });
    await page.clock.runFor(100);
    await page.clock.resume();
    await page.waitForTimeout(100);
    expect(await focused(page)).toEqual({ tag: 'TEXTAREA', label: 'Task, row 2' });
    await page.keyboard.type('Call the clinic');
    await expect.poll(() => shownValue(task(2))).toBe('Call the clinic');
    await context.close();
  });

  test("a deleted row comes back with Ctrl+Z or the message's Undo, for everyone", async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const url = new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href;
    const a = await openPage(scene.browser, url);
    const b = await openPage(scene.browser, url);
    const task = (page: Page) => page.getByLabel('Task, row 1', { exact: true });
    for (const { page } of [a, b]) await task(page).waitFor();
    const before = await shownValue(task(a.page));
    await task(a.page).scrollIntoViewIfNeeded();

    const nextSteps = a.page.locator('.table-section').filter({ has: task(a.page) });
    await nextSteps.getByRole('button', { name: 'Delete row 1', exact: true }).click();
    await expect
      .poll(() => a.page.getByRole('status').filter({ hasText: 'Row 1 deleted.' }).count())
      .toBe(1);
    await expect
      .poll(() => b.page.getByLabel('Task, row 1', { exact: true }).count(), { timeout: 10_000 })
      .toBe(0);
    await a.page.keyboard.press('Control+z');
    for (const { page } of [a, b])
      await expect
        .poll(() => shownValue(task(page)).catch(() => ''), { timeout: 10_000 })
        .toBe(before);

    await nextSteps.getByRole('button', { name: 'Delete row 1', exact: true }).click();
    await expect
      .poll(() => b.page.getByLabel('Task, row 1', { exact: true }).count(), { timeout: 10_000 })
      .toBe(0);
    await a.page.getByRole('status').getByRole('button', { name: 'Undo', exact: true }).click();
    for (const { page } of [a, b])
      await expect
        .poll(() => shownValue(task(page)).catch(() => ''), { timeout: 10_000 })
        .toBe(before);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test('a block pasted from a spreadsheet fills several rows, a block copies out, and doubtful numbers are marked in their cells', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Data review',
      template: 'data-review',
    });
    const { page, context, errors } = await openPage(
      scene.browser,
      new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href,
    );
    const section = page.locator('section[aria-labelledby="section-metrics"]');
    await section.getByRole('button', { name: 'Add row', exact: true }).click();
    await expect
      .poll(() => focused(page), { timeout: 10_000 })
      .toMatchObject({ label: 'Period, row 1' });
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toEqual({ tag: 'DIV', label: 'Period, row 1' });

    const clipboard = (type: 'paste' | 'copy', text = '') =>
      page.evaluate(
        ([type, text]) => {
          const data = new DataTransfer();
          if (text !== '') data.setData('text/plain', text);
          document.activeElement!.dispatchEvent(
            new ClipboardEvent(type, { clipboardData: data, bubbles: true, cancelable: true }),
          );
          return data.getData('text/plain');
        },
        [type, text] as const,
      );
    await clipboard(
      'paste',
      '2026-09\tRiverside\t10\t12\t5\t3\r\n2026-10\tRiverside\t-4\t2\t1\t1\r\n',
    );
    const cell = (title: string, row: number) =>
      section.getByLabel(`${title}, row ${row}`, { exact: true });
    await expect.poll(() => shownValue(cell('Period', 2))).toBe('2026-10');
    expect(await shownValue(cell('Students referred', 1))).toBe('10');
    expect(await shownValue(cell('Active after one month', 2))).toBe('1');
    await expect
      .poll(() => section.locator('.table-status').textContent())
      .toContain('Pasted 12 cells, 1 row added.');

    // A negative count and a stage above the one before are marked where they are, with the reason.
    const flagOf = (title: string, row: number) =>
      cell(title, row).evaluate((element) => {
        const td = element.closest('td')!;
        const description =
          document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent ??
          '';
        return { flagged: td.classList.contains('cell-flagged'), title: td.title, description };
      });
    const negative = await flagOf('Students referred', 2);
    expect(negative.flagged).toBe(true);
    expect(negative.description).toMatch(/^Check: .+/);
    expect(negative.title).not.toBe('');
    expect((await flagOf('Offered services', 1)).flagged).toBe(true);
    expect((await flagOf('Initiated services', 1)).flagged).toBe(false);

    await cell('Period', 1).focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    expect(await clipboard('copy')).toBe('2026-09\tRiverside\n2026-10\tRiverside');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a number that cannot be stored is marked in its field with the reason, and a right one is stored', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Kickoff',
      template: 'roles-working-session',
    });
    const { page, context, errors } = await openPage(
      scene.browser,
      new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href,
    );
    const minutes = page.getByLabel('Time, row 1, in minutes', { exact: true }).first();
    await minutes.scrollIntoViewIfNeeded();
    await minutes.click();
    await expect
      .poll(() =>
        minutes.evaluate(
          (element) => element instanceof HTMLInputElement && element.type === 'number',
        ),
      )
      .toBe(true);
    await minutes.fill('1.5');
    const state = () =>
      minutes.evaluate((element) => ({
        invalid: element.getAttribute('aria-invalid'),
        title: element.getAttribute('title') ?? '',
        description:
          document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent ??
          '',
      }));
    await expect.poll(state).toMatchObject({
      invalid: 'true',
      title: expect.stringContaining('whole number of minutes'),
    });
    expect((await state()).description).toMatch(/^Not saved: /);
    await minutes.fill('15');
    await expect.poll(state).toEqual({ invalid: null, title: '', description: '' });
    await page.keyboard.press('Tab');
    await expect.poll(() => shownValue(minutes)).toBe('15 min');
    expect(errors).toEqual([]);
    await context.close();
  });
});
