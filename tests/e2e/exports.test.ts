import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

/** The text of every page of a PDF, one string per page, as pdf.js reads it. */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: true,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join(''),
    );
  }
  await pdf.destroy();
  return pages;
}

/** Opens the document page, then the print view through the Export menu, as a person would. */
async function openPrintView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('link', { name: 'Print handout' }).click();
  await page.locator('main.handout[data-ready="true"]').waitFor();
}

describe('the Export menu', () => {
  test('downloads the Markdown file named after the document title', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Data review, spring',
      template: 'data-review',
    });
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Markdown (.md)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Data-review-spring.md');
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toMatch(/^# Data review, spring\n/);
    expect(markdown).toContain('## Referral and training metrics by period');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Downloaded' }).textContent())
      .toBe('Downloaded Data-review-spring.md.');

    // The panel is keyboard-usable: Escape closes it and focus returns to its button.
    await page.getByRole('button', { name: 'Download CSV' }).focus();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('button', { name: 'Export' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Export');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('Escape closes the menu while the focus is still on its Export button', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Escape',
      template: 'barriers',
    });
    const { page, context } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    const button = page.getByRole('button', { name: 'Export' });
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });

  test('downloads the CSV of a chosen table, and offers the calendar only where there is one', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Data review',
      template: 'data-review',
    });
    const { page, context } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    await page.getByRole('button', { name: 'Export' }).click();
    await page
      .getByLabel('Table to download as CSV')
      .selectOption({ label: 'Referral and training metrics by period' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Data-review.csv');
    expect(readFileSync((await download.path())!, 'utf8')).toMatch(/^\uFEFF?Period,Provider,/);
    expect(await page.getByRole('button', { name: /meeting calendar/ }).count()).toBe(0);
    await context.close();
  });

  test('the meeting calendar offers the .ics file and, to the owner, a subscribe URL built on the viewer link', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Meeting calendar',
      template: 'meeting-calendar',
    });
    // The owner's device remembers the share links it created, as the home page does after creating a workspace.
    const { page, context } = await openPage(scene.browser, new URL('/', scene.server.url).href);
    await page.evaluate(
      ({ workspace }) => {
        localStorage.setItem(
          'pathways:workspaces',
          JSON.stringify({
            [workspace.id]: {
              id: workspace.id,
              name: workspace.name,
              token: workspace.tokens.owner,
              role: 'owner',
              shareTokens: { editor: workspace.tokens.editor, viewer: workspace.tokens.viewer },
            },
          }),
        );
      },
      { workspace: scene.workspace },
    );
    await page.goto(scene.documentUrl(id, scene.workspace.tokens.owner));
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download meeting calendar (.ics)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Meeting-calendar.ics');
    const url = await page.getByLabel('Subscribe URL for calendar apps').inputValue();
    expect(url).toBe(
      new URL(
        `/api/documents/${id}/export?format=ics&token=${scene.workspace.tokens.viewer}`,
        scene.server.url,
      ).href,
    );
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await context.close();
  });
});

describe('the print view', () => {
  test('prints the data-review protocol to Letter PDF with its headings and no app chrome', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Regularly review data with community providers',
      template: 'data-review',
    });
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    await openPrintView(page);
    expect(new URL(page.url()).pathname).toBe(`/d/${id}/print`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/print-view.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'Letter' });
    const pages = await pdfPages(pdf);
    const text = pages.join('\n');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toMatch(/^Regularly review data with community providers/);
    for (const heading of [
      'About this tool',
      'Objective 1: Understand best practices',
      'Objective 2: Define your data strategy',
      'Objective 3: Determine what data districts and community providers will look at together',
      'Referral and training metrics by period',
      'Objective 4: Prepare prompts',
    ]) {
      expect(text.replace(/\s+/g, ' '), heading).toContain(heading);
    }
    // The twelve-column metrics table fits the page with its headings whole, not "Pe rio d".
    expect(text).toMatch(/\bPeriod\b/);
    expect(text).toMatch(/\bProvider\b/);
    // No app chrome on paper: not the toolbar, the sync status, the editor controls.
    for (const chrome of [
      'Back to the document',
      'Print handout',
      'All changes synced',
      'Add row',
      'Skip to content',
    ])
      expect(text).not.toContain(chrome);
    const violations = await seriousViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('prints the participant workbook (the working-session document) with its agenda', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Roles and responsibilities working session',
      template: 'roles-working-session',
    });
    const { page, context } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    await openPrintView(page);
    const text = (await pdfPages(await page.pdf({ format: 'Letter' })))
      .join('\n')
      .replace(/\s+/g, ' ');
    for (const heading of [
      'Roles and responsibilities working session',
      'Objective 2: Prepare an agenda and share it with the team',
      'Agenda',
      'Objective 4: Facilitate the working session',
    ]) {
      expect(text, heading).toContain(heading);
    }
    // Back to the document by the toolbar link, inside the app.
    await page.getByRole('link', { name: 'Back to the document' }).click();
    await page.getByRole('button', { name: 'History' }).waitFor();
    await context.close();
  });
});
