import qrcode from 'qrcode-generator';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { connectStockClient } from '../support/sync-clients.ts';
import { createDocumentIn } from '../support/test-server.ts';
import { readAgenda } from '../../core/facilitation/index.ts';
import { readTable, writeTimerState } from '../../core/schema/index.ts';
import { NEXT_STEPS_SECTION_ID } from '../../core/templates/index.ts';

const scene = useBrowserScene();
const PROJECTOR = { width: 1280, height: 720 };

async function workingSession(): Promise<string> {
  return createDocumentIn(scene.server.url, scene.workspace, {
    title: 'Fall working session',
    template: 'roles-working-session',
  });
}

function address(path: string, token: string): string {
  return new URL(`${path}?token=${token}`, scene.server.url).href;
}

/** The seconds a timer shows ("04:59" → 299; over by "01:02" → -62), read from the page's clock. */
async function shownSeconds(page: Page): Promise<number> {
  const text = (await page.locator('.agenda-timer-time').first().textContent()) ?? '';
  const overrun = (await page.locator('.agenda-timer.is-overrun').count()) > 0;
  const match = /^(\d+):(\d\d)$/.exec(text.trim());
  if (match === null) throw new Error(`the clock shows "${text}"`);
  const seconds = Number(match[1]) * 60 + Number(match[2]);
  return overrun ? -seconds : seconds;
}

async function shownTopic(page: Page): Promise<string> {
  return (await page.locator('.agenda-timer-current').first().textContent()) ?? '';
}

/** Both clocks read at (nearly) the same moment. */
async function bothClocks(a: Page, b: Page): Promise<[number, number]> {
  return Promise.all([shownSeconds(a), shownSeconds(b)]);
}

describe('the agenda timer', () => {
  test('two laptops show the same topic and time left, and a reload keeps it, paused too', async () => {
    const id = await workingSession();
    const projector = await openPage(
      scene.browser,
      address(`/d/${id}/present`, scene.workspace.tokens.editor),
      { viewport: PROJECTOR, fakeClock: true },
    );
    const laptop = await openPage(
      scene.browser,
      address(`/d/${id}`, scene.workspace.tokens.editor),
      { fakeClock: true },
    );
    await projector.page.getByRole('button', { name: 'Start agenda' }).click();

    await expect
      .poll(() => shownTopic(laptop.page), { timeout: 10_000 })
      .toBe('Meeting goals and introduction');
    expect(await shownTopic(projector.page)).toBe('Meeting goals and introduction');
    const [onProjector, onLaptop] = await bothClocks(projector.page, laptop.page);
    expect(onProjector).toBeGreaterThan(4 * 60);
    expect(onProjector).toBeLessThanOrEqual(5 * 60);
    expect(Math.abs(onProjector - onLaptop)).toBeLessThanOrEqual(1);

    // A reload reads the same start time from the document: the clock does not restart. Both
    // clocks move on a second first (under the two seconds of skew the pages would correct for).
    await Promise.all([
      laptop.page.clock.fastForward(1000),
      projector.page.clock.fastForward(1000),
    ]);
    await laptop.page.reload();
    await expect
      .poll(() => shownTopic(laptop.page), { timeout: 10_000 })
      .toBe('Meeting goals and introduction');
    const [afterReloadProjector, afterReloadLaptop] = await bothClocks(projector.page, laptop.page);
    expect(Math.abs(afterReloadProjector - afterReloadLaptop)).toBeLessThanOrEqual(1);
    expect(afterReloadLaptop).toBeLessThan(onLaptop);

    // While the projector presents, the laptop shows the timer without its buttons until it takes over.
    expect(await laptop.page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(0);
    await laptop.page.getByRole('button', { name: 'Take over the timer' }).click();
    // Paused on the laptop: the projector stops too, and both stay stopped across reloads.
    await laptop.page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect
      .poll(() => projector.page.locator('.agenda-timer-paused').count(), { timeout: 10_000 })
      .toBe(1);
    await projector.page.reload();
    await expect
      .poll(() => projector.page.locator('.agenda-timer-paused').count(), { timeout: 10_000 })
      .toBe(1);
    const pausedAt = await shownSeconds(projector.page);
    // A paused clock stays put while its page's timers run for a while.
    await projector.page.clock.runFor(5000);
    expect(await shownSeconds(projector.page)).toBe(pausedAt);
    expect(await shownSeconds(laptop.page)).toBe(pausedAt);
    expect(await projector.page.getByRole('button', { name: 'Resume' }).isEnabled()).toBe(true);

    expect([...projector.errors, ...laptop.errors]).toEqual([]);
    await projector.context.close();
    await laptop.context.close();
  });

  test('"next topic" and added time pressed on one laptop reach the other', async () => {
    const id = await workingSession();
    const projector = await openPage(
      scene.browser,
      address(`/d/${id}/present`, scene.workspace.tokens.editor),
      { viewport: PROJECTOR },
    );
    const laptop = await openPage(
      scene.browser,
      address(`/d/${id}`, scene.workspace.tokens.editor),
    );
    await projector.page.getByRole('button', { name: 'Start agenda' }).click();
    await expect
      .poll(() => shownTopic(laptop.page), { timeout: 10_000 })
      .toBe('Meeting goals and introduction');

    await laptop.page.getByRole('button', { name: 'Take over the timer' }).click();
    await laptop.page.getByRole('button', { name: 'Next topic' }).click();
    await expect
      .poll(() => shownTopic(projector.page), { timeout: 10_000 })
      .toMatch(/^Identify a central coordinating role/);
    await expect
      .poll(() => projector.page.locator('.agenda-timer-next').textContent())
      .toBe('Next: Break');

    await projector.page.getByRole('button', { name: '+5 min' }).click();
    // 30 planned + 5 added, a few seconds into the topic.
    await expect
      .poll(() => shownSeconds(laptop.page), { timeout: 10_000 })
      .toBeGreaterThan(34 * 60 + 30);
    const [onProjector, onLaptop] = await bothClocks(projector.page, laptop.page);
    expect(Math.abs(onProjector - onLaptop)).toBeLessThanOrEqual(1);
    expect(onLaptop).toBeLessThanOrEqual(35 * 60);

    // And back: "Previous topic" returns to the first topic with a fresh clock.
    await projector.page.getByRole('button', { name: 'Previous topic' }).click();
    await expect
      .poll(() => shownTopic(laptop.page), { timeout: 10_000 })
      .toBe('Meeting goals and introduction');
    expect(await shownSeconds(laptop.page)).toBeGreaterThan(4 * 60 + 50);
    await projector.context.close();
    await laptop.context.close();
  });
});

describe('the join panel', () => {
  test('shows a QR code that encodes the join link the server made for this document, and can be hidden', async () => {
    const id = await workingSession();
    const context = await scene.browser.newContext({ viewport: PROJECTOR });
    const page = await context.newPage();
    const [minted] = await Promise.all([
      page.waitForResponse(
        (response) =>
          response.url().endsWith(`/api/documents/${id}/join-link`) &&
          response.request().method() === 'POST',
      ),
      page.goto(address(`/d/${id}/present`, scene.workspace.tokens.editor)),
    ]);
    const { url: joinLink, code } = (await minted.json()) as { url: string; code: string };
    expect(joinLink).toMatch(new RegExp(`/d/${id}\\?token=`));
    expect(joinLink).not.toContain(scene.workspace.tokens.editor);

    const qr = page.getByRole('img', { name: 'QR code: scan to open this document as an editor' });
    await qr.waitFor({ timeout: 10_000 });
    expect(await page.locator('.join-code-digits').textContent()).toBe(code);

    // Decode the drawn modules and compare them with the QR code of the expected link.
    const path = (await page.locator('.join-qr path').getAttribute('d')) ?? '';
    const drawn = new Set(
      [...path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map(
        (match) => `${Number(match[1]) - 4},${Number(match[2]) - 4}`,
      ),
    );
    const expected = qrcode(0, 'M');
    expected.addData(joinLink);
    expected.make();
    const wanted = new Set<string>();
    for (let row = 0; row < expected.getModuleCount(); row++)
      for (let column = 0; column < expected.getModuleCount(); column++)
        if (expected.isDark(row, column)) wanted.add(`${column},${row}`);
    expect(wanted.size).toBeGreaterThan(100);
    expect(drawn).toEqual(wanted);

    await page.getByRole('button', { name: 'Hide join code' }).click();
    expect(await qr.count()).toBe(0);
    await page.getByRole('button', { name: 'Show join code' }).click();
    await qr.waitFor();
    await context.close();
  });

  test('opened with the owner link on a fresh device it shows a QR code and a short code; a phone that scans or types it edits the document', async () => {
    const id = await workingSession();
    // A fresh device: nothing kept from before, only the owner's link.
    const projector = await scene.browser.newContext({ viewport: PROJECTOR });
    const screen = await projector.newPage();
    const [minted] = await Promise.all([
      screen.waitForResponse(
        (response) =>
          response.url().endsWith(`/api/documents/${id}/join-link`) &&
          response.request().method() === 'POST',
      ),
      screen.goto(address(`/d/${id}/present`, scene.workspace.tokens.owner)),
    ]);
    const scanned = ((await minted.json()) as { url: string }).url;
    await screen.locator('.join-qr').waitFor({ timeout: 10_000 });
    const code = (await screen.locator('.join-code-digits').textContent()) ?? '';
    expect(code).toMatch(/^\d{6}$/);
    expect(await screen.content()).not.toContain(scene.workspace.tokens.owner);
    await screen.screenshot({ path: `${SCREENSHOT_DIR}/present-join-code.png` });

    const phoneSize = { width: 390, height: 844 };
    const joinAndType = async (url: string, text: string, row: number) => {
      const phone = await openPage(scene.browser, url, { viewport: phoneSize });
      await phone.page.waitForURL(new RegExp(`/d/${id}$`), { timeout: 10_000 });
      await phone.page.getByLabel('Document title').waitFor();
      expect(await phone.page.locator('.badge').count()).toBe(0);
      await phone.page.getByLabel(`Task, row ${row}`, { exact: true }).click();
      await phone.page.keyboard.type(text);
      return phone;
    };
    // Typed: the code's address. Scanned: the QR code's link.
    const typed = await joinAndType(
      new URL(`/j/${code}`, scene.server.url).href,
      'Typed on a phone',
      1,
    );
    await typed.page.screenshot({ path: `${SCREENSHOT_DIR}/phone-joined-by-code.png` });
    const scanning = await joinAndType(scanned, 'Scanned on a phone', 2);

    const other = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
    await other.synced;
    await expect
      .poll(() => JSON.stringify(readTable(other.doc, NEXT_STEPS_SECTION_ID)?.value ?? null), {
        timeout: 10_000,
      })
      .toContain('Typed on a phone');
    await expect
      .poll(() => JSON.stringify(readTable(other.doc, NEXT_STEPS_SECTION_ID)?.value ?? null), {
        timeout: 10_000,
      })
      .toContain('Scanned on a phone');
    other.destroy();
    await scanning.context.close();
    await typed.context.close();
    await projector.close();
  });

  test('a projector opened with a viewer link shows no join code and says an editor link is needed', async () => {
    const id = await workingSession();
    const { page, context } = await openPage(
      scene.browser,
      address(`/d/${id}/present`, scene.workspace.tokens.viewer),
      { viewport: PROJECTOR },
    );
    await expect
      .poll(() => page.locator('.join-missing').textContent(), { timeout: 10_000 })
      .toContain('An editor link is needed');
    expect(await page.locator('.join-code').count()).toBe(0);
    expect(await page.locator('.join-qr').count()).toBe(0);
    expect(await page.content()).not.toContain(scene.workspace.tokens.viewer);
    // A viewer sees the timer but not its buttons.
    expect(await page.getByRole('button', { name: 'Start agenda' }).count()).toBe(0);
    await context.close();
  });
});

describe('the projector view', () => {
  test('is readable at 1280×720 and axe-core finds no serious or critical violation', async () => {
    const id = await workingSession();
    const laptop = await openPage(
      scene.browser,
      address(`/d/${id}`, scene.workspace.tokens.editor),
    );
    const { page, context, errors } = await openPage(
      scene.browser,
      address(`/d/${id}/present`, scene.workspace.tokens.editor),
      { viewport: PROJECTOR },
    );
    await page.getByRole('button', { name: 'Start agenda' }).click();
    await page.locator('.join-qr').waitFor();
    await expect.poll(() => page.locator('.present-person').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.getByRole('heading', { level: 2, name: 'Agenda', exact: true }).count()).toBe(
      1,
    );
    expect(await page.locator('.ProseMirror').count()).toBe(0);

    // Nothing scrolls the page itself: header, section, timer, join code and footer all fit.
    const size = await page.evaluate(() => ({
      width: document.documentElement.scrollWidth,
      height: document.documentElement.scrollHeight,
    }));
    expect(size).toEqual({ width: 1280, height: 720 });
    const clockSize = await page
      .locator('.agenda-timer-clock')
      .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
    expect(clockSize).toBeGreaterThanOrEqual(64);

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/present-view.png` });

    // A topic that ran 2 minutes over (written by another client, as an old timer would be) turns the clock red, still AA.
    const other = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
    await other.synced;
    const first = readAgenda(other.doc)!.value[0]!;
    writeTimerState(other.doc, {
      kind: 'running',
      topicRowId: first.rowId,
      topicIndex: 0,
      startedAt: Date.now() - 7 * 60_000,
      elapsedMs: 0,
      extraMs: 0,
    });
    await expect
      .poll(() => page.locator('.agenda-timer.is-overrun').count(), { timeout: 10_000 })
      .toBe(1);
    await expect.poll(() => shownSeconds(page)).toBeLessThanOrEqual(-120);
    expect(await page.getByRole('timer', { name: 'Over time by' }).count()).toBe(1);
    await expect
      .poll(() => laptop.page.locator('.agenda-timer.is-overrun').count(), { timeout: 10_000 })
      .toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await seriousViolations(laptop.page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/present-view-overrun.png` });
    await laptop.page.screenshot({ path: `${SCREENSHOT_DIR}/document-page-timer.png` });
    other.destroy();
    expect(errors).toEqual([]);
    await context.close();
    await laptop.context.close();
  });
});
