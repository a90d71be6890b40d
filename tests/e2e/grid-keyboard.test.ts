import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { openPage } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { shownValue } from '../support/cells.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

/** The focused element: its tag and accessible name. */
const focused = (page: Page) => page.evaluate(() => ({ tag: document.activeElement?.tagName ?? '', label: document.activeElement?.getAttribute('aria-label') ?? '' }));

describe('working a table by keyboard, as in a spreadsheet', () => {
  test('arrows at the edge of the text, Enter, Shift+Enter, Escape and typing on a selected cell', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, { title: 'Barriers', template: 'barriers' });
    const { page, context, errors } = await openPage(scene.browser, new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href);
    const task = (row: number) => page.getByLabel(`Task, row ${row}`, { exact: true });
    await task(1).scrollIntoViewIfNeeded();
    const nextSteps = page.locator('.table-section').filter({ has: task(1) });

    // "Add row" puts the caret in the new row's first cell.
    await nextSteps.getByRole('button', { name: 'Add row', exact: true }).click();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toEqual({ tag: 'TEXTAREA', label: 'Task, row 2' });
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

    expect(await page.getByLabel('Owner, row 2', { exact: true }).evaluate((element) => element.textContent)).toBe('Kim');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a deleted row comes back with Ctrl+Z or the message\'s Undo, for everyone', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, { title: 'Barriers', template: 'barriers' });
    const url = new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href;
    const a = await openPage(scene.browser, url);
    const b = await openPage(scene.browser, url);
    const task = (page: Page) => page.getByLabel('Task, row 1', { exact: true });
    for (const { page } of [a, b]) await task(page).waitFor();
    const before = await shownValue(task(a.page));
    await task(a.page).scrollIntoViewIfNeeded();

    const nextSteps = a.page.locator('.table-section').filter({ has: task(a.page) });
    await nextSteps.getByRole('button', { name: 'Delete row 1', exact: true }).click();
    await expect.poll(() => a.page.getByRole('status').filter({ hasText: 'Row 1 deleted.' }).count()).toBe(1);
    await expect.poll(() => b.page.getByLabel('Task, row 1', { exact: true }).count(), { timeout: 10_000 }).toBe(0);
    await a.page.keyboard.press('Control+z');
    for (const { page } of [a, b]) await expect.poll(() => shownValue(task(page)).catch(() => ''), { timeout: 10_000 }).toBe(before);

    await nextSteps.getByRole('button', { name: 'Delete row 1', exact: true }).click();
    await expect.poll(() => b.page.getByLabel('Task, row 1', { exact: true }).count(), { timeout: 10_000 }).toBe(0);
    await a.page.getByRole('status').getByRole('button', { name: 'Undo', exact: true }).click();
    for (const { page } of [a, b]) await expect.poll(() => shownValue(task(page)).catch(() => ''), { timeout: 10_000 }).toBe(before);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
