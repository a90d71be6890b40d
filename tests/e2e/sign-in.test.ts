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
    kim: { email: 'kim@elsewhere.example', name: 'Kim Park' },
  });
  browser = await launchChromium();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  await api(server.url, `/api/workspaces/${workspace.id}/members`, {
    token: workspace.tokens.owner,
    body: { email: 'pat@riverside.example', role: 'owner' },
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function signInAs(page: Page, login: string): Promise<void> {
  return signInInBrowser(page, server.publicUrl, login);
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await measurePageFit(page), `${name} at ${size.width}×${size.height}`).toMatchObject({
      sidewaysScroll: 0,
      cutControls: [],
    });
    await page.screenshot({
      path: `${SCREENSHOT_DIR}/${name}-${size.width}x${size.height}.png`,
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('district sign-in in the browser', () => {
  test('a member signs in, manages members and reads the audit log with no share link on the device', async () => {
    const { context, page, errors } = await openPage(browser, new URL('/', server.publicUrl).href);
    await signInAs(page, 'pat');
    await page.goto(new URL('/sign-in', server.publicUrl).href);
    await page
      .getByRole('heading', { name: 'Signed in as Pat Lee (pat@riverside.example)' })
      .waitFor();
    expect(await page.getByRole('link', { name: 'Riverside USD' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'sign-in-signed-in');

    await page.goto(new URL(`/w/${workspace.id}/members`, server.publicUrl).href);
    await page.getByRole('cell', { name: 'Pat Lee' }).waitFor();
    await page.getByLabel('District email').fill('sam@riverside.example');
    await page.getByLabel('Role', { exact: true }).selectOption('viewer');
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByRole('cell', { name: 'sam@riverside.example', exact: true }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain(
      'Invited sam@riverside.example as viewer',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'members');

    await page.getByRole('link', { name: /Audit log/ }).click();
    await page.getByRole('cell', { name: 'member invited (viewer)' }).waitFor();
    const rows = await page.locator('.audit-table tbody tr').allTextContents();
    expect(rows.some((row) => row.includes('Pat Lee') && row.includes('sign in'))).toBe(true);
    expect(rows.some((row) => row.includes('Pat Lee') && row.includes('member invited'))).toBe(
      true,
    );
    await page.getByLabel('Action').selectOption('sign-in');
    expect(await page.locator('.audit-table tbody tr').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'audit-log');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  test('a signed-in member opens the workspace and a document with no share link on the device', async () => {
    const documentId = await createDocumentIn(server.url, workspace, {
      title: 'Fall kickoff notes',
    });
    const { context, page, errors } = await openPage(browser, new URL('/', server.publicUrl).href);
    await page.goto(new URL(`/d/${documentId}`, server.publicUrl).href);
    await page.getByRole('heading', { name: 'This document needs a share link' }).waitFor();
    await signInAs(page, 'pat');
    await page.goto(new URL(`/w/${workspace.id}`, server.publicUrl).href);
    await page.getByRole('heading', { level: 1, name: 'Riverside USD' }).waitFor();
    await page.getByRole('link', { name: 'Fall kickoff notes' }).click();
    await expect
      .poll(() => page.getByLabel('Document title', { exact: true }).inputValue(), {
        timeout: 20_000,
      })
      .toBe('Fall kickoff notes');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  test('someone from another domain is refused, and the page says why', async () => {
    const { context, page, errors } = await openPage(
      browser,
      new URL('/sign-in', server.publicUrl).href,
    );
    await signInAs(page, 'kim');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      "(@elsewhere.example) is not one of this district's",
    );
    expect(await page.getByRole('link', { name: /^Sign in with / }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'sign-in-refused');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
