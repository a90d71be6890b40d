import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { launchChromium, openPage, SCREEN_SIZES, SCREENSHOT_DIR } from '../support/browser.ts';
import { startIdentityServer, type IdentityTestServer } from '../support/identity-server.ts';
import { measurePageFit } from '../support/page-fit.ts';
import { api, createDocumentIn, createWorkspace, type Workspace } from '../support/test-server.ts';
import { signInInBrowser } from '../support/sign-in.ts';

let server: IdentityTestServer;
let browser: Browser;
let workspace: Workspace;

const SIZES = SCREEN_SIZES;

beforeAll(async () => {
  server = await startIdentityServer({
    pat: { email: 'pat@riverside.example', name: 'Pat Lee' },
    sam: { email: 'sam@riverside.example', name: 'Sam Ortiz' },
  });
  browser = await launchChromium();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  await api(server.url, `/api/workspaces/${workspace.id}/members`, {
    token: workspace.tokens.owner,
    body: { email: 'pat@riverside.example', role: 'owner' },
  });
  await api(server.url, `/api/workspaces/${workspace.id}/members`, {
    token: workspace.tokens.owner,
    body: { email: 'sam@riverside.example', role: 'editor' },
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function signInAs(page: Page, login: string): Promise<void> {
  return signInInBrowser(page, server.publicUrl, login);
}

async function shoot(
  page: Page,
  name: string,
  options: { fullPage: boolean } = { fullPage: true },
): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await measurePageFit(page), `${name} at ${size.width}×${size.height}`).toMatchObject({
      sidewaysScroll: 0,
      cutControls: [],
    });
    await page.screenshot({
      path: `${SCREENSHOT_DIR}/${name}-${size.width}x${size.height}.png`,
      fullPage: options.fullPage,
    });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const presenceNames = (page: Page) => page.locator('.presence .person').allTextContents();

describe('signed-in people in a document', () => {
  test('two signed-in members see each other by their account names, and an owner deletes the document from the workspace page', async () => {
    const documentId = await createDocumentIn(server.url, workspace, {
      title: 'Fall kickoff notes',
    });
    const pat = await openPage(browser, new URL('/', server.publicUrl).href);
    const sam = await openPage(browser, new URL('/', server.publicUrl).href);
    await signInAs(pat.page, 'pat');
    await signInAs(sam.page, 'sam');
    for (const { page } of [pat, sam])
      await page.goto(new URL(`/d/${documentId}`, server.publicUrl).href);

    await expect
      .poll(() => presenceNames(pat.page), { timeout: 20_000 })
      .toEqual(['Pat Lee (signed in) (you)', 'Sam Ortiz (signed in)']);
    await expect
      .poll(() => presenceNames(sam.page), { timeout: 20_000 })
      .toEqual(['Sam Ortiz (signed in) (you)', 'Pat Lee (signed in)']);
    // The name is the district account's: there is nothing to rename.
    expect(await pat.page.getByRole('button', { name: /your name/ }).count()).toBe(0);
    expect(await seriousViolations(pat.page)).toEqual([]);
    await shoot(pat.page, 'document-signed-in-presence', { fullPage: false });

    // Pat deletes it from the workspace page, by keyboard.
    await pat.page.goto(new URL(`/w/${workspace.id}`, server.publicUrl).href);
    const remove = pat.page.getByRole('button', { name: 'Delete Fall kickoff notes' });
    await remove.focus();
    await pat.page.keyboard.press('Enter');
    const dialog = pat.page.getByRole('dialog', { name: 'Delete “Fall kickoff notes”?' });
    await dialog.waitFor();
    expect(await pat.page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    expect(await seriousViolations(pat.page)).toEqual([]);
    await shoot(pat.page, 'delete-document-dialog', { fullPage: false });
    await pat.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await pat.page.getByRole('link', { name: 'Fall kickoff notes' }).count()).toBe(1);

    await remove.focus();
    await pat.page.keyboard.press('Enter');
    await dialog.waitFor();
    await pat.page.keyboard.press('Tab');
    expect(await pat.page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Delete document',
    );
    await pat.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => pat.page.getByRole('status').textContent())
      .toBe('Deleted Fall kickoff notes.');
    expect(await pat.page.getByRole('link', { name: 'Fall kickoff notes' }).count()).toBe(0);
    expect(await pat.page.evaluate(() => document.activeElement?.id)).toBe('documents-heading');

    // Sam, still in the document, is told it is gone.
    await expect
      .poll(() => sam.page.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('This document was deleted');
    expect(pat.errors).toEqual([]);
    expect(sam.errors).toEqual([]);
    await pat.context.close();
    await sam.context.close();
  }, 240_000);
});
