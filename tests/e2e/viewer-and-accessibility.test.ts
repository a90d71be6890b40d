import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readTable, setCell } from '../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../../core/templates/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchChromium, openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { connectStockClient } from '../support/sync-clients.ts';
import {
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let workspace: Workspace;
let documentId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  documentId = await createDocumentIn(server.url, workspace, {
    title: 'Working session',
    template: 'roles-working-session',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a viewer link', () => {
  test('opens the document read-only: no editing controls, and typing changes nothing anywhere', async () => {
    const editor = connectStockClient(server.url, documentId, workspace.tokens.editor);
    await editor.synced;
    const { page, context } = await openPage(
      browser,
      new URL(`/d/${documentId}?token=${workspace.tokens.viewer}`, server.url).href,
    );
    await page.locator('.ProseMirror').first().waitFor();
    await expect.poll(() => page.locator('.badge').textContent()).toBe('View only');
    expect(await page.locator('.ProseMirror[contenteditable="true"]').count()).toBe(0);
    expect(
      await page
        .getByRole('button', { name: /Add row|Add column|Delete row|Add notes section|Rename/ })
        .count(),
    ).toBe(0);
    expect(await page.getByRole('toolbar').count()).toBe(0);

    const before = JSON.stringify(readTable(editor.doc, NEXT_STEPS_SECTION_ID)!.value);
    await page.locator('.ProseMirror').first().click();
    await page.keyboard.type('viewer typing');
    const cell = page.getByLabel('Task, row 1', { exact: true });
    expect(await cell.getAttribute('readonly')).not.toBeNull();
    await cell.click();
    await page.keyboard.type('viewer typing');
    // And what an editor types still reaches the viewer.
    const rowId = readTable(editor.doc, NEXT_STEPS_SECTION_ID)!.value.rows[0]!.id;
    setCell(editor.doc, NEXT_STEPS_SECTION_ID, rowId, NEXT_STEPS_COLUMNS.task, 'Set by the editor');
    await expect.poll(() => cell.inputValue(), { timeout: 10_000 }).toBe('Set by the editor');
    // What arrives from the relay is stored already, so someone who only reads is never left at "Syncing…".
    await expect
      .poll(() => page.locator('.status').textContent(), { timeout: 10_000 })
      .toContain('All changes synced');
    // Nothing should arrive; give anything that would a moment to get through before checking.
    await page.waitForTimeout(500);
    expect(JSON.stringify(readTable(editor.doc, NEXT_STEPS_SECTION_ID)!.value)).not.toContain(
      'viewer typing',
    );
    expect(before).not.toContain('viewer typing');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/viewer-page.png` });
    editor.destroy();
    await context.close();
  });
});

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const pages = [
    ['home', () => '/'],
    ['workspace', () => `/w/${workspace.id}?token=${workspace.tokens.owner}`],
    ['document', () => `/d/${documentId}?token=${workspace.tokens.editor}`],
    ['viewer document', () => `/d/${documentId}?token=${workspace.tokens.viewer}`],
  ] as const;

  test.each(pages)('the %s page has no serious or critical violations', async (name, path) => {
    const { page, context } = await openPage(browser, new URL(path(), server.url).href);
    await page.locator('main h1').first().waitFor();
    if (name.includes('document')) await page.locator('.ProseMirror').first().waitFor();
    await page.waitForTimeout(300);
    if (name === 'workspace')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/workspace-page.png`, fullPage: true });
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await context.close();
  });

  test('the document can be worked by keyboard alone: tab reaches the note and the first table cell', async () => {
    const { page, context } = await openPage(
      browser,
      new URL(`/d/${documentId}?token=${workspace.tokens.editor}`, server.url).href,
    );
    await page.locator('.ProseMirror').first().waitFor();
    let reachedNote = false;
    let reachedCell = false;
    for (let i = 0; i < 120 && !(reachedNote && reachedCell); i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({
        editor: document.activeElement?.classList.contains('ProseMirror') ?? false,
        label: document.activeElement?.getAttribute('aria-label') ?? '',
      }));
      reachedNote ||= focused.editor;
      reachedCell ||= /, row 1$/.test(focused.label);
    }
    expect({ reachedNote, reachedCell }).toEqual({ reachedNote: true, reachedCell: true });
    await context.close();
  });
});
