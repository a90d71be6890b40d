import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { openPage } from '../support/browser.ts';
import { shownValue } from '../support/cells.ts';
import { documentWithFarNote, typeIntoFarNote } from '../support/far-note.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { openTwice } from '../support/two-pages.ts';

const scene = useBrowserScene();

describe("others' edits while one types", () => {
  test('a long-text cell open on one page shows the lines another adds to it, grows with them, and shows who is in it', async () => {
    const { a, b } = await openTwice(scene, 'barriers');
    const cell = (page: Page) => page.getByLabel('Task, row 1', { exact: true });
    await cell(a.page).click();
    await expect.poll(() => cell(a.page).evaluate((element) => element.tagName)).toBe('TEXTAREA');
    const rowsBefore = Number(await cell(a.page).getAttribute('rows'));

    await cell(b.page).click();
    // Presence comes from the open cell's focus handler, which the cell keeps across renders.
    await expect.poll(() => a.page.locator('.cell-presence').count(), { timeout: 10_000 }).toBe(1);
    await b.page.keyboard.press('Control+End');
    for (const line of ['second line', 'third line']) {
      await b.page.keyboard.press('Alt+Enter');
      await b.page.keyboard.type(line);
    }

    await expect
      .poll(() => shownValue(cell(a.page)), { timeout: 10_000 })
      .toMatch(/\nsecond line\nthird line$/);
    await expect
      .poll(() => cell(a.page).getAttribute('rows'), { timeout: 10_000 })
      .toBe(String(rowsBefore + 2));
    // The first page's own typing still lands in the same text.
    await a.page.keyboard.press('Control+Home');
    await a.page.keyboard.type('A: ');
    for (const { page } of [a, b])
      await expect
        .poll(() => shownValue(cell(page)), { timeout: 10_000 })
        .toMatch(/^A: [^]*third line$/);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test("lines others add above one's caret in a note do not move it off the screen, and one's next words land at it", async () => {
    const { a, b } = await openTwice(scene, 'barriers');
    const note = (page: Page) => page.locator('.ProseMirror').first();
    for (const { page } of [a, b]) await note(page).waitFor();
    // A types at the end of the note's last paragraph, with the note's top scrolled above the window.
    await note(a.page).locator('p').last().click();
    await a.page.keyboard.press('End');
    await a.page.keyboard.type(' [A here]');
    await a.page.evaluate(() => {
      const top = document.querySelector('.ProseMirror')!.getBoundingClientRect().top;
      window.scrollBy(0, top + 40);
    });
    const caretTop = () =>
      a.page.evaluate(() => window.getSelection()!.getRangeAt(0).getBoundingClientRect().top);
    const before = await caretTop();

    // B writes twenty lines at the very start of the same note.
    await note(b.page).locator('p').first().click();
    await b.page.keyboard.press('Control+Home');
    for (let line = 1; line <= 20; line++) await b.page.keyboard.type(`line ${line} from B\n`);
    await expect
      .poll(() => note(a.page).textContent(), { timeout: 10_000 })
      .toContain('line 20 from B');

    const after = await caretTop();
    const viewport = a.page.viewportSize()!;
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(viewport.height);
    // Twenty lines are far more than this; the browser's scroll anchoring keeps the text still.
    expect(Math.abs(after - before)).toBeLessThan(100);
    await a.page.keyboard.type(' and more');
    await expect
      .poll(() => note(b.page).textContent(), { timeout: 10_000 })
      .toContain('[A here] and more');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
  test("one's own scrolling while others type in the same note is not undone", async () => {
    const { a, b } = await openTwice(scene, 'barriers');
    const note = (page: Page) => page.locator('.ProseMirror').first();
    for (const { page } of [a, b]) await note(page).waitFor();
    await note(a.page).locator('p').first().click();
    await a.page.keyboard.press('End');
    await a.page.keyboard.type(' [A here]');
    const scrollY = () => a.page.evaluate(() => window.scrollY);
    const before = await scrollY();

    // B types below A's caret all the while A scrolls the page down with the wheel.
    await note(b.page).locator('p').last().click();
    await b.page.keyboard.press('End');
    const typing = b.page.keyboard.type(' and B keeps typing here', { delay: 20 });
    await a.page.mouse.move(300, 300);
    for (let step = 0; step < 6; step++) {
      await a.page.mouse.wheel(0, 50);
      await a.page.waitForTimeout(40);
    }
    await typing;
    await expect
      .poll(() => note(a.page).textContent(), { timeout: 10_000 })
      .toContain('B keeps typing here');
    await a.page.waitForTimeout(300);
    expect(await scrollY()).toBeGreaterThanOrEqual(before + 250);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test("another's words and caret appear while one keeps typing, one's own words reach the other page once it stops, and the caret goes when they leave the note", async () => {
    const { a, b } = await openTwice(scene, 'barriers');
    const note = (page: Page) => page.locator('.ProseMirror').first();
    for (const { page } of [a, b]) await note(page).waitFor();
    await note(a.page).locator('p').first().click();
    await a.page.keyboard.press('End');
    // About four seconds of steady typing; the relay's messages wait for A's keystrokes' frames.
    let aStopped = false;
    const typing = a.page.keyboard
      .type(' A keeps typing'.repeat(6), { delay: 40 })
      .then(() => (aStopped = true));
    await note(b.page).locator('p').last().click();
    await b.page.keyboard.press('End');
    await b.page.keyboard.type(' [from B]');
    await expect.poll(() => note(a.page).textContent(), { timeout: 10_000 }).toContain('[from B]');
    const carets = note(a.page).locator('.collaboration-carets__caret');
    await expect.poll(() => carets.count(), { timeout: 10_000 }).toBe(1);
    expect(aStopped).toBe(false);
    await typing;
    // B typed a moment ago, so its page holds the relay's messages too; they wait 100 ms at most.
    await expect
      .poll(() => note(b.page).textContent(), { timeout: 10_000 })
      .toContain(' A keeps typing'.repeat(6));
    await b.page.getByLabel('Task, row 1', { exact: true }).click();
    await expect.poll(() => carets.count(), { timeout: 10_000 }).toBe(0);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test("a far note's stand-in shows another's words while one keeps typing in a note above", async () => {
    const { id, other, farId } = await documentWithFarNote(scene);
    const { page, context, errors } = await openPage(
      scene.browser,
      new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href,
    );
    const far = page.getByRole('region', { name: 'Far note' });
    await expect.poll(() => far.textContent(), { timeout: 10_000 }).toContain('Far text.');
    await page.locator('.ProseMirror').first().locator('p').first().click();
    await page.keyboard.press('End');
    // About four seconds of steady typing: the stand-in must not wait for a pause in it.
    let stopped = false;
    const typing = page.keyboard
      .type(' I keep typing'.repeat(7), { delay: 40 })
      .then(() => (stopped = true));
    typeIntoFarNote(other.doc, farId, 'Remote words. ');
    await expect
      .poll(() => far.textContent(), { timeout: 10_000 })
      .toContain('Remote words. Far text.');
    expect(stopped).toBe(false);
    expect(await far.locator('.note-static').count()).toBe(1);
    await typing;
    expect(errors).toEqual([]);
    other.destroy();
    await context.close();
  });
});
