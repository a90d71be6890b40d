import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { openPage } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

/** Where a section's heading sits in the attendee's window (px from the top), or null when off screen. */
async function headingTop(page: Page, sectionId: string): Promise<number | null> {
  return page.evaluate((id) => {
    const rect = document.getElementById(`section-${id}`)?.getBoundingClientRect();
    return rect === undefined || rect.bottom < 0 || rect.top > window.innerHeight
      ? null
      : Math.round(rect.top);
  }, sectionId);
}

async function showOnProjector(projector: Page, sectionId: string): Promise<void> {
  await projector.getByLabel('Section shown').selectOption(sectionId);
}

describe('follow the facilitator', () => {
  test('an attendee who follows is scrolled to each section the projector shows, until they scroll themselves', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Fall working session',
      template: 'roles-working-session',
    });
    const url = (path: string) =>
      new URL(`${path}?token=${scene.workspace.tokens.editor}`, scene.server.url).href;
    const projector = await openPage(scene.browser, url(`/d/${id}/present`), {
      viewport: { width: 1280, height: 720 },
    });
    const attendee = await openPage(scene.browser, url(`/d/${id}`));
    await attendee.page.locator('.ProseMirror').first().waitFor();
    await expect
      .poll(() => attendee.page.locator('.follow-status').textContent(), { timeout: 10_000 })
      .toMatch(/is presenting/);

    await attendee.page.getByRole('button', { name: 'Follow the facilitator' }).click();
    // The projector opens on the agenda; the attendee lands there.
    await expect
      .poll(() => headingTop(attendee.page, 'agenda'), { timeout: 10_000 })
      .toBeLessThan(200);

    await showOnProjector(projector.page, 'roles-and-responsibilities');
    await expect
      .poll(() => headingTop(attendee.page, 'roles-and-responsibilities'), { timeout: 10_000 })
      .toBeLessThan(200);
    expect(await headingTop(attendee.page, 'roles-and-responsibilities')).toBeGreaterThanOrEqual(0);

    // With the keyboard on the projector: back one section.
    await projector.page.locator('body').press('PageUp');
    const previous = await projector.page.getByLabel('Section shown').inputValue();
    expect(previous).not.toBe('roles-and-responsibilities');
    await expect
      .poll(() => headingTop(attendee.page, previous), { timeout: 10_000 })
      .toBeLessThan(200);

    // The attendee scrolls on their own: following stops, they are told so, and the page stays put.
    await attendee.page.mouse.move(640, 500);
    await attendee.page.mouse.wheel(0, 600);
    await expect
      .poll(() => attendee.page.locator('.follow-status').textContent(), { timeout: 10_000 })
      .toMatch(/no longer following/);
    await attendee.page.waitForTimeout(400);
    const scrolledTo = await attendee.page.evaluate(() => window.scrollY);
    await showOnProjector(projector.page, 'about');
    await expect
      .poll(() =>
        projector.page.getByRole('heading', { level: 2, name: 'About this tool' }).count(),
      )
      .toBe(1);
    await attendee.page.waitForTimeout(1500);
    expect(await attendee.page.evaluate(() => window.scrollY)).toBe(scrolledTo);

    // Resuming goes straight to where the facilitator is.
    await attendee.page.getByRole('button', { name: 'Resume following' }).click();
    await expect.poll(() => headingTop(attendee.page, 'about'), { timeout: 10_000 }).not.toBeNull();
    await expect
      .poll(() => attendee.page.evaluate(() => window.scrollY), { timeout: 10_000 })
      .toBeLessThan(scrolledTo);

    expect([...projector.errors, ...attendee.errors]).toEqual([]);
    await projector.context.close();
    await attendee.context.close();
  });
});
