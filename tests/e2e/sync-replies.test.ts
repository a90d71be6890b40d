import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { waitForLivePage } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

const status = (page: Page) => page.locator('.status').textContent();

/** The first bytes of every binary frame on the page's document socket, each way, in order. */
function recordSyncFrames(page: Page): { sent: number[][]; received: number[][] } {
  const sent: number[][] = [];
  const received: number[][] = [];
  const head = (payload: string | Buffer): number[] | null =>
    typeof payload === 'string' ? null : [...payload.subarray(0, 8)];
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/sync/')) return;
    socket.on('framesent', ({ payload }) => void sent.push(head(payload) ?? []));
    socket.on('framereceived', ({ payload }) => void received.push(head(payload) ?? []));
  });
  return { sent, received };
}

/** y-websocket sync frames start with message type 0, then 0 (step 1), 1 (step 2) or 2 (update). */
const isSyncStep = (step: number) => (frame: readonly number[]) =>
  frame[0] === 0 && frame[1] === step;

describe('sync step 1 and its answers carry no delete set they need not (R6, R30)', () => {
  test('the page answers only the greeting, and the relay confirms its deletions with the empty update', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const context = await scene.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const frames = recordSyncFrames(page);
    await page.goto(scene.documentUrl(id));
    await waitForLivePage(page);

    const note = page.locator('.ProseMirror').first();
    await note.locator('p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' draft');
    await expect.poll(() => status(page), { timeout: 30_000 }).toContain('All changes synced');
    for (let i = 0; i < ' draft'.length; i++) await page.keyboard.press('Backspace');
    await expect.poll(() => note.textContent()).not.toContain('draft');
    // The relay's greeting and a stored notice after each pause in typing (R6).
    await expect
      .poll(() => frames.received.filter(isSyncStep(0)).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(3);
    await expect.poll(() => status(page), { timeout: 30_000 }).toContain('All changes synced');

    // One answer to the relay's sync step 1: the greeting's. Notices go unanswered.
    expect(frames.sent.filter(isSyncStep(1))).toHaveLength(1);
    const answers = frames.received.filter(isSyncStep(1));
    expect(answers.length).toBeGreaterThanOrEqual(2);
    // After the first, full answer, each confirmation is the empty update: [0, 1, length 2, 0, 0].
    for (const answer of answers.slice(1)) expect(answer).toEqual([0, 1, 2, 0, 0]);

    await context.close();
    const fresh = await scene.browser.newContext();
    const check = await fresh.newPage();
    await check.goto(scene.documentUrl(id));
    await waitForLivePage(check);
    await expect.poll(() => status(check), { timeout: 30_000 }).toContain('All changes synced');
    expect(await check.locator('.ProseMirror').first().textContent()).not.toContain('draft');
    await fresh.close();
  });
});
