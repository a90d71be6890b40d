import { mkdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { shownValue } from '../support/cells.ts';
import { MAX_ANSWER_CHARACTERS } from '../../core/survey/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();
const PHONE = { width: 360, height: 740 };

describe('the staff survey through a survey-only link', () => {
  test('an editor makes the link; a phone with nothing else answers; the answer appears live in the document; the link opens nothing else', async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const documentId = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Riverside barriers',
      template: 'barriers',
    });
    const editor = await openPage(
      scene.browser,
      new URL(`/d/${documentId}?token=${scene.workspace.tokens.editor}`, scene.server.url).href,
    );
    await editor.page.locator('.ProseMirror').first().waitFor();

    // The editor makes the link next to the sample survey.
    await editor.page.getByRole('button', { name: 'Create survey link' }).click();
    const linkField = editor.page.getByRole('textbox', { name: 'Survey link' });
    await linkField.waitFor();
    const surveyUrl = await linkField.inputValue();
    expect(surveyUrl).toMatch(new RegExp(`^${scene.server.url}s/[\\w-]{20,}$`));
    const surveyToken = surveyUrl.split('/s/')[1]!;
    await expect
      .poll(() =>
        editor.page.getByRole('status').filter({ hasText: 'Survey link created' }).count(),
      )
      .toBe(1);
    expect(await seriousViolations(editor.page), 'the document page with its survey link').toEqual(
      [],
    );
    await editor.page
      .locator('.survey-link')
      .screenshot({ path: `${SCREENSHOT_DIR}/survey-link-control.png` });

    // A fresh browser context: no workspace token, a phone-sized screen.
    const survey = await openPage(scene.browser, surveyUrl, { viewport: PHONE });
    const sockets: string[] = [];
    survey.page.on('websocket', (socket) => sockets.push(socket.url()));
    const { page } = survey;
    await page.getByRole('heading', { level: 1, name: 'Staff survey' }).waitFor();
    expect(
      await page
        .getByText(
          'Please do not share any information regarding specific students in your responses.',
        )
        .isVisible(),
    ).toBe(true);
    expect(await page.locator('fieldset legend').allTextContents()).toEqual([
      'How school staff and community mental health providers currently work together',
      'How roles and responsibilities are assigned',
      'Anything else',
    ]);
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    expect(await seriousViolations(page), 'the survey form').toEqual([]);

    // An empty form is refused before sending, in words, tied to the first field, which takes focus.
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByText('Please answer at least one question before sending.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-working-well');
    expect(
      await page.getByLabel('What is working well?').getAttribute('aria-describedby'),
    ).toContain('survey-form-error');
    expect(await seriousViolations(page), 'the survey form after a validation error').toEqual([]);

    // An oversized answer: the count says so, politely, and sending is refused on that field.
    const suggestions = page.getByLabel('Do you have any additional suggestions?');
    await suggestions.fill('x'.repeat(MAX_ANSWER_CHARACTERS - 30));
    await expect
      .poll(() =>
        page
          .locator('[aria-live="polite"]')
          .filter({ hasText: '50 or fewer characters left' })
          .count(),
      )
      .toBe(1);
    await suggestions.fill('x'.repeat(MAX_ANSWER_CHARACTERS + 1));
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByText('This answer is 4,001 characters; please keep it under 4,000.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-suggestions');
    expect(await suggestions.getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page), 'the survey form with a field error').toEqual([]);

    const answer = 'Referrals get a reply within a week, and the shared calendar helps.';
    await suggestions.fill('');
    await page.getByLabel('What is working well?').fill(answer);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/survey-form.png`, fullPage: true });
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await seriousViolations(page), 'the thank-you page').toEqual([]);

    // The editor's open page shows the response without a reload.
    await expect
      .poll(
        () =>
          shownValue(editor.page.getByLabel('What is working well?, row 1', { exact: true })).catch(
            () => '',
          ),
        { timeout: 10_000 },
      )
      .toBe(answer);
    await editor.page
      .locator('section[aria-labelledby="section-survey-responses"]')
      .screenshot({ path: `${SCREENSHOT_DIR}/survey-responses.png` });

    // The survey page kept nothing on the device and opened no socket.
    const stored = await page.evaluate(async () => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      databases: (await indexedDB.databases()).map((database) => database.name),
    }));
    expect(stored.local).not.toContain(surveyToken);
    expect(stored.local).toBe('{}');
    expect(stored.session).toBe('{}');
    expect(stored.databases).toEqual([]);
    expect(sockets).toEqual([]);

    // Holding the survey link opens neither the document nor the workspace.
    await page.goto(new URL(`/d/${documentId}`, scene.server.url).href);
    await page
      .getByRole('heading', { level: 1, name: 'This document needs a share link' })
      .waitFor();
    expect(await page.locator('.ProseMirror').count()).toBe(0);
    await page.goto(new URL(`/w/${scene.workspace.id}`, scene.server.url).href);
    await page
      .getByRole('heading', { level: 1, name: 'This workspace needs a share link' })
      .waitFor();
    expect(sockets).toEqual([]);

    // Closing the link: the form says so in words.
    await editor.page.getByRole('button', { name: 'Close survey link' }).click();
    await editor.page.getByText('The survey link is closed').waitFor();
    await page.goto(surveyUrl);
    await page.getByRole('heading', { level: 1, name: 'This survey is closed' }).waitFor();
    expect(await page.getByText('This survey link does not work any more').isVisible()).toBe(true);
    expect(await seriousViolations(page), 'the closed survey page').toEqual([]);

    expect(survey.errors).toEqual([]);
    expect(editor.errors).toEqual([]);
    await survey.context.close();
    await editor.context.close();
  });
});
