import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { shownValue } from '../support/cells.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { openTwice } from '../support/two-pages.ts';
import { api, createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

/** Clicks a cell at rest and waits until its control is a live input of `type`. */
async function openAsInput(cell: Locator, type: string): Promise<void> {
  await cell.scrollIntoViewIfNeeded();
  await cell.click();
  await expect
    .poll(() =>
      cell.evaluate(
        (element, expected) => element instanceof HTMLInputElement && element.type === expected,
        type,
      ),
    )
    .toBe(true);
}

/** Clicks just after the last letter of a cell at rest, as a person aiming at its end would. */
async function clickAfterLastLetter(page: Page, cell: Locator): Promise<void> {
  await cell.scrollIntoViewIfNeeded();
  const point = await cell.evaluate((element) => {
    const range = document.createRange();
    const text = element.firstChild!;
    range.setStart(text, text.textContent!.length - 1);
    range.setEnd(text, text.textContent!.length);
    const box = range.getBoundingClientRect();
    return { x: box.right + 2, y: box.top + box.height / 2 };
  });
  await page.mouse.click(point.x, point.y);
}

describe('typing together in text fields', () => {
  for (const delay of [0, 40, 150]) {
    test(`two people typing in the same cell at once each keep their word whole (${delay} ms a key)`, async () => {
      const { a, b } = await openTwice(scene, 'roles-working-session');
      const cell = (page: Page) =>
        page.getByLabel('Name of meeting attendee, row 1', { exact: true }).first();
      for (const { page } of [a, b]) {
        await cell(page).click();
        await expect
          .poll(() => cell(page).evaluate((element) => element instanceof HTMLInputElement))
          .toBe(true);
        await page.keyboard.press('End');
      }
      const before = await shownValue(cell(a.page));
      await Promise.all([
        a.page.keyboard.type('alphaword', { delay }),
        b.page.keyboard.type('BRAVOWORD', { delay }),
      ]);
      for (const { page } of [a, b]) {
        await expect
          .poll(() => shownValue(cell(page)), { timeout: 10_000 })
          .toMatch(/alphaword.*BRAVOWORD|BRAVOWORD.*alphaword/);
      }
      const value = await shownValue(cell(a.page));
      expect([before + 'alphawordBRAVOWORD', before + 'BRAVOWORDalphaword']).toContain(value);
      expect(await shownValue(cell(b.page))).toBe(value);
      expect([...a.errors, ...b.errors]).toEqual([]);
      await a.context.close();
      await b.context.close();
    });
  }

  test("a click after the end of a cell's text and typing appends there", async () => {
    const { a, b } = await openTwice(scene, 'barriers');
    const cell = (page: Page) => page.getByLabel('Task, row 1', { exact: true });
    const before = await shownValue(cell(a.page));
    expect(before.length).toBeGreaterThan(10);
    await clickAfterLastLetter(a.page, cell(a.page));
    await expect
      .poll(() => cell(a.page).evaluate((element) => element instanceof HTMLTextAreaElement))
      .toBe(true);
    await a.page.keyboard.type('ZQ');
    await expect.poll(() => shownValue(cell(b.page)), { timeout: 10_000 }).toBe(before + 'ZQ');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test("on a phone, a tap after the end of a cell's text and typing appends there", async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Working session',
      template: 'barriers',
    });
    const context = await scene.browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(scene.documentUrl(id));
    const cell = page.getByLabel('Task, row 1', { exact: true });
    await cell.waitFor();
    const before = await shownValue(cell);
    const point = await cell.evaluate((element) => {
      element.scrollIntoView({ block: 'end' });
      const range = document.createRange();
      const text = element.firstChild!;
      range.setStart(text, text.textContent!.length - 1);
      range.setEnd(text, text.textContent!.length);
      const box = range.getBoundingClientRect();
      return { x: box.right + 1, y: box.top + box.height / 2 };
    });
    await page.touchscreen.tap(point.x, point.y);
    await expect
      .poll(() => cell.evaluate((element) => element instanceof HTMLTextAreaElement))
      .toBe(true);
    await page.keyboard.type('ZQ');
    await expect.poll(() => shownValue(cell)).toBe(before + 'ZQ');
    await context.close();
  });

  test('a title typed fast and then changed at its start is stored exactly', async () => {
    const { id, a, b } = await openTwice(scene, 'meeting-calendar');
    const title = (page: Page) => page.getByLabel('Document title', { exact: true });
    await title(a.page).click();
    await a.page.keyboard.press('Control+A');
    await a.page.keyboard.type('Fall calendar 2025 review', { delay: 0 });
    await a.page.keyboard.press('Home');
    await a.page.keyboard.type('XY', { delay: 0 });
    expect(await title(a.page).inputValue()).toBe('XYFall calendar 2025 review');
    await expect
      .poll(() => title(b.page).inputValue(), { timeout: 10_000 })
      .toBe('XYFall calendar 2025 review');
    await expect
      .poll(
        async () => {
          const list = (await (
            await api(scene.server.url, `/api/workspaces/${scene.workspace.id}/documents`, {
              token: scene.workspace.tokens.editor,
            })
          ).json()) as { id: string; title: string }[];
          return list.find((document) => document.id === id)?.title;
        },
        { timeout: 10_000 },
      )
      .toBe('XYFall calendar 2025 review');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test('two people typing in the title at once each keep their letters', async () => {
    const { a, b } = await openTwice(scene, 'meeting-calendar');
    const title = (page: Page) => page.getByLabel('Document title', { exact: true });
    for (const { page } of [a, b]) {
      await title(page).click();
      await page.keyboard.press('End');
    }
    await Promise.all([
      a.page.keyboard.type(' alpha', { delay: 0 }),
      b.page.keyboard.type(' BRAVO', { delay: 0 }),
    ]);
    for (const { page } of [a, b])
      await expect
        .poll(() => title(page).inputValue(), { timeout: 10_000 })
        .toMatch(/^Working session( alpha BRAVO| BRAVO alpha)$/);
    expect(await title(a.page).inputValue()).toBe(await title(b.page).inputValue());
    await a.context.close();
    await b.context.close();
  });

  test('a date typed digit by digit is stored whole, never as a half-typed year', async () => {
    const { a, b } = await openTwice(scene, 'meeting-calendar');
    const cell = (page: Page) => page.getByLabel('First date, row 1', { exact: true });
    const seen: string[] = [];
    await cell(b.page).scrollIntoViewIfNeeded();
    // Every value the other person's page shows while the first one types.
    const watching = setInterval(
      () =>
        void shownValue(cell(b.page)).then(
          (value) => seen.push(value),
          () => {},
        ),
      20,
    );
    await cell(a.page).click();
    await expect
      .poll(() =>
        cell(a.page).evaluate(
          (element) => element instanceof HTMLInputElement && element.type === 'date',
        ),
      )
      .toBe(true);
    for (const digit of '03152027') await a.page.keyboard.type(digit, { delay: 80 });
    await expect.poll(() => shownValue(cell(b.page)), { timeout: 10_000 }).toBe('2027-03-15');
    await a.page.keyboard.press('Tab');
    clearInterval(watching);
    expect(await shownValue(cell(a.page))).toBe('2027-03-15');
    expect(seen.filter((value) => value !== '' && value !== '2027-03-15')).toEqual([]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test("the meeting calendar's time is a time field that stores a whole time", async () => {
    const { a, b } = await openTwice(scene, 'meeting-calendar');
    const cell = (page: Page) => page.getByLabel('Time, row 1', { exact: true });
    await openAsInput(cell(a.page), 'time');
    await cell(a.page).fill('15:30');
    await expect.poll(() => shownValue(cell(b.page)), { timeout: 10_000 }).toBe('15:30');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test('a time typed digit by digit over another is stored whole: the other page never shows 08:30 or 08:01 on the way to 08:15', async () => {
    const { a, b } = await openTwice(scene, 'meeting-calendar');
    const cell = (page: Page) => page.getByLabel('Time, row 1', { exact: true });
    await openAsInput(cell(a.page), 'time');
    await cell(a.page).fill('10:30');
    await a.page.keyboard.press('Tab');
    await expect.poll(() => shownValue(cell(b.page)), { timeout: 10_000 }).toBe('10:30');
    const seen: string[] = [];
    const watching = setInterval(
      () =>
        void shownValue(cell(b.page)).then(
          (value) => seen.push(value),
          () => {},
        ),
      20,
    );
    await cell(a.page).click();
    await expect
      .poll(() => cell(a.page).evaluate((element) => element === document.activeElement))
      .toBe(true);
    // To the hours, then type over both parts as a person correcting the time does.
    for (let step = 0; step < 3; step++) await a.page.keyboard.press('ArrowLeft');
    for (const digit of '0815') await a.page.keyboard.type(digit, { delay: 80 });
    await expect.poll(() => shownValue(cell(b.page)), { timeout: 10_000 }).toBe('08:15');
    clearInterval(watching);
    expect(seen.filter((value) => value !== '10:30' && value !== '08:15')).toEqual([]);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test('a deadline written in words keeps every letter typed fast, and the caret', async () => {
    const { a, b } = await openTwice(scene, 'barriers');
    const cell = (page: Page) => page.getByLabel('Deadline, row 1', { exact: true });
    const before = await shownValue(cell(a.page));
    expect(before).toBe('Beginning of next semester');
    await clickAfterLastLetter(a.page, cell(a.page));
    await expect
      .poll(() =>
        cell(a.page).evaluate(
          (element) => element instanceof HTMLInputElement && element.type === 'text',
        ),
      )
      .toBe(true);
    await a.page.keyboard.type(' or sooner', { delay: 0 });
    await a.page.keyboard.press('Home');
    await a.page.keyboard.type('By: ', { delay: 0 });
    await expect
      .poll(() => shownValue(cell(b.page)), { timeout: 10_000 })
      .toBe('By: Beginning of next semester or sooner');
    expect(await shownValue(cell(a.page))).toBe('By: Beginning of next semester or sooner');
    await a.context.close();
    await b.context.close();
  });
});
