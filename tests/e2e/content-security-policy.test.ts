import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useBrowserScene } from '../support/browser-scene.ts';
import { createDocumentIn } from '../support/test-server.ts';

/**
 * Threat model T2 (README): the app runs under a strict Content-Security-Policy, so script can
 * only come from its own files. This checks the policy costs nothing: every page works under it
 * and the browser reports no violation.
 */
const scene = useBrowserScene();

/** Collects the page's CSP violations (reported as DOM events and console errors) from the first byte. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return async () => [
    ...console,
    ...(await page.evaluate(
      () => (window as unknown as { __violations?: string[] }).__violations ?? [],
    )),
  ];
}

describe('the app under its Content-Security-Policy', () => {
  test('home, workspace, documents with charts, the projector and the print view run with no violation', async () => {
    const { server, browser, workspace } = scene;
    const dataReview = await createDocumentIn(server.url, workspace, {
      title: 'Data review',
      template: 'data-review',
    });
    const roles = await createDocumentIn(server.url, workspace, {
      title: 'Working session',
      template: 'roles-working-session',
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const violations = await watchViolations(page);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    const response = await page.goto(
      new URL(`/w/${workspace.id}?token=${workspace.tokens.owner}`, server.url).href,
    );
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { level: 1 }).waitFor();

    await page.goto(new URL(`/d/${roles}?token=${workspace.tokens.owner}`, server.url).href);
    const note = page.locator('.ProseMirror').first();
    await note.click();
    await page.keyboard.type('Typed under a strict policy');
    await expect.poll(() => note.textContent()).toContain('Typed under a strict policy');
    await expect
      .poll(() => page.locator('.status').textContent(), { timeout: 10_000 })
      .toContain('All changes synced');

    await page.goto(new URL(`/d/${dataReview}?token=${workspace.tokens.owner}`, server.url).href);
    await page.locator('.ProseMirror').first().waitFor();
    await page.goto(new URL(`/d/${roles}/present`, server.url).href);
    await page.getByRole('main').waitFor();
    await page.goto(new URL(`/d/${roles}/print`, server.url).href);
    await page.locator('main.handout[data-ready="true"]').waitFor({ timeout: 10_000 });

    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('an inline script someone manages to put in the page does not run', async () => {
    const { server, browser, workspace } = scene;
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = await watchViolations(page);
    await page.goto(new URL(`/w/${workspace.id}?token=${workspace.tokens.owner}`, server.url).href);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // What a rendering bug would amount to: markup with a handler, written into the live page.
    await page.evaluate(() => {
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:," onerror="window.__ran = true">';
      document.body.append(holder);
    });
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran),
    ).toBeUndefined();
    expect((await violations()).some((violation) => violation.startsWith('script-src'))).toBe(true);
    await context.close();
  });
});
