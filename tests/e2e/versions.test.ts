import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { fillCell, shownValue } from '../support/cells.ts';
import { ensureTextCell, readTable } from '../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../../core/templates/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { connectStockClient, waitFor } from '../support/sync-clients.ts';
import { api, createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

const taskCell = (page: Page) => page.getByLabel('Task, row 1', { exact: true });

async function listVersions(id: string): Promise<{ label: string; auto: boolean }[]> {
  return (await (
    await api(scene.server.url, `/api/documents/${id}/versions`, {
      token: scene.workspace.tokens.viewer,
    })
  ).json()) as { label: string; auto: boolean }[];
}

async function openHistory(page: Page) {
  await page.getByRole('button', { name: 'History' }).click();
  const dialog = page.getByRole('dialog', { name: 'History' });
  await dialog.waitFor();
  return dialog;
}

describe('the history panel', () => {
  test('lists the automatic and named versions, and shows what changed since one', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    // A session with a real edit that ends leaves an automatic version behind.
    const earlier = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
    await earlier.synced;
    const row = readTable(earlier.doc, NEXT_STEPS_SECTION_ID)!.value.rows[0]!.id;
    ensureTextCell(earlier.doc, NEXT_STEPS_SECTION_ID, row, NEXT_STEPS_COLUMNS.owner)!.insert(
      0,
      'Dana ',
    );
    await waitFor('the edit to be stored', async () => {
      const markdown = await (
        await api(scene.server.url, `/api/documents/${id}/export?format=md`, {
          token: scene.workspace.tokens.viewer,
        })
      ).text();
      return markdown.includes('Dana ');
    });
    earlier.destroy();
    await waitFor('the automatic version', async () =>
      (await listVersions(id)).some((version) => version.auto),
    );

    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    await taskCell(page).waitFor();
    let dialog = await openHistory(page);
    await expect.poll(() => dialog.getByRole('button', { name: /Session ended/ }).count()).toBe(1);
    await expect
      .poll(() => dialog.getByRole('button', { name: /Session ended/ }).textContent())
      .toContain('Automatic');

    await dialog.getByLabel('Save this document as a named version').fill('After kickoff meeting');
    await dialog.getByRole('button', { name: 'Save version' }).click();
    await dialog.getByRole('button', { name: /After kickoff meeting/ }).waitFor();
    expect(await dialog.getByRole('status').textContent()).toContain(
      'Saved the version “After kickoff meeting”',
    );

    // Escape closes the panel and gives focus back to the History button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('History');

    await fillCell(taskCell(page), 'Agree on one referral form');
    dialog = await openHistory(page);
    await dialog.getByRole('button', { name: /After kickoff meeting/ }).click();
    const summary = dialog.locator('.change-list');
    await expect
      .poll(() => summary.textContent())
      .toContain('Row changed: “Agree on one referral form” (Task)');
    expect(await dialog.getByRole('heading', { name: /After kickoff meeting/ }).count()).toBe(1);
    // The version itself, read-only: its task text as it was.
    expect(await dialog.locator('.version-preview').textContent()).toContain('Clearly assign');
    expect(
      await dialog
        .locator(
          '.version-preview input, .version-preview textarea, .version-preview [contenteditable]',
        )
        .count(),
    ).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/history-panel.png` });

    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a viewer browses history read-only: no saving, no restoring', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    await api(scene.server.url, `/api/documents/${id}/versions`, {
      token: scene.workspace.tokens.editor,
      body: { label: 'After kickoff meeting' },
    });
    const { page, context } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.viewer),
    );
    await page.locator('.badge').waitFor();
    const dialog = await openHistory(page);
    await dialog.getByRole('button', { name: /After kickoff meeting/ }).click();
    await dialog.locator('.change-none, .change-list').waitFor();
    expect(await dialog.getByRole('button', { name: /Restore/ }).count()).toBe(0);
    expect(await dialog.getByLabel('Save this document as a named version').count()).toBe(0);
    expect(await dialog.textContent()).toContain('Restoring a version needs an editor link.');
    await context.close();
  });
});

describe('restoring a version', () => {
  test('reaches a second person at once, without a reload, and can itself be undone', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const saved = await api(scene.server.url, `/api/documents/${id}/versions`, {
      token: scene.workspace.tokens.editor,
      body: { label: 'After kickoff meeting' },
    });
    expect(saved.status).toBe(201);

    const a = await openPage(scene.browser, scene.documentUrl(id, scene.workspace.tokens.editor));
    const b = await openPage(scene.browser, scene.documentUrl(id, scene.workspace.tokens.editor));
    for (const { page } of [a, b]) await taskCell(page).waitFor();
    const original = await shownValue(taskCell(b.page));
    expect(original).toMatch(/^Clearly assign/);

    await fillCell(taskCell(b.page), 'Rewritten by B after the meeting');
    await expect
      .poll(() => shownValue(taskCell(a.page)), { timeout: 10_000 })
      .toBe('Rewritten by B after the meeting');
    await expect
      .poll(() => a.page.locator('.status').textContent())
      .toContain('All changes synced');

    const dialog = await openHistory(a.page);
    await dialog.getByRole('button', { name: /After kickoff meeting/ }).click();
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    expect(await dialog.getByRole('group').textContent()).toContain(
      'Before restoring “After kickoff meeting”',
    );
    await dialog.getByRole('button', { name: 'Yes, restore' }).click();
    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toContain('Restored “After kickoff meeting”');

    // B never reloads: the restore is an ordinary change that reaches everyone.
    await expect.poll(() => shownValue(taskCell(b.page)), { timeout: 10_000 }).toBe(original);
    await dialog
      .getByRole('button', { name: /Before restoring “After kickoff meeting”/ })
      .waitFor();
    expect(await dialog.locator('.change-none').textContent()).toBe(
      'Nothing has changed since this version.',
    );

    const labels = (await listVersions(id)).map((version) => version.label);
    expect(labels).toContain('Before restoring “After kickoff meeting”');
    await b.page.screenshot({ path: `${SCREENSHOT_DIR}/restore-seen-by-second-person.png` });
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
