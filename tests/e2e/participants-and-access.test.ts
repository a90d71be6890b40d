import { describe, expect, test } from 'vitest';
import { openPage } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

const address = (path: string, token?: string) =>
  new URL(`${path}${token === undefined ? '' : `?token=${token}`}`, scene.server.url).href;

describe('who someone is, and what their link opens', () => {
  test('a member who joined through the workspace link opens a document from its address alone', async () => {
    const member = await openPage(
      scene.browser,
      address(`/w/${scene.workspace.id}`, scene.workspace.tokens.editor),
    );
    await member.page.getByRole('heading', { level: 1 }).waitFor();
    // Made after the member last saw the list, so the device has never heard of it.
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Spring data review',
      template: 'data-review',
    });
    await member.page.goto(address(`/d/${id}`));
    await expect
      .poll(() => member.page.getByLabel('Document title', { exact: true }).inputValue(), {
        timeout: 15_000,
      })
      .toBe('Spring data review');
    expect(await member.page.getByText('needs a share link').count()).toBe(0);
    // And it is the live document: a title the other person types reaches the member.
    const other = await openPage(scene.browser, address(`/d/${id}`, scene.workspace.tokens.editor));
    const title = other.page.getByLabel('Document title', { exact: true });
    await title.click();
    await other.page.keyboard.press('End');
    await other.page.keyboard.type(' (draft)');
    await expect
      .poll(() => member.page.getByLabel('Document title', { exact: true }).inputValue(), {
        timeout: 10_000,
      })
      .toBe('Spring data review (draft)');
    expect([...member.errors, ...other.errors]).toEqual([]);
    await member.context.close();
    await other.context.close();
  });

  test("changing one's name keeps one's rubric answers, counted once by everyone", async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Rubric',
      template: 'assessment',
    });
    const a = await openPage(scene.browser, address(`/d/${id}`, scene.workspace.tokens.editor));
    const b = await openPage(scene.browser, address(`/d/${id}`, scene.workspace.tokens.editor));
    const answer = () => a.page.locator('select[aria-label$=": your answer"]').first();
    /** How many answers the other person sees for a level of the first practice. */
    const countSeenByB = (level: string) =>
      b.page
        .locator('dl[aria-label$=": answers so far"]')
        .first()
        .locator('.rating-level')
        .filter({ has: b.page.locator('dt', { hasText: new RegExp(`^${level}$`) }) })
        .locator('.rating-count')
        .textContent();
    await answer().scrollIntoViewIfNeeded();
    await answer().selectOption({ label: 'Often' });
    await expect.poll(() => countSeenByB('Often'), { timeout: 10_000 }).toBe('1');

    await a.page.getByRole('button', { name: 'Set your name' }).click();
    await a.page.getByLabel('Your name').fill('Dana Whitfield');
    await a.page.getByRole('button', { name: 'Save' }).click();
    await a.page.getByRole('button', { name: 'Change your name' }).click();
    await a.page.getByLabel('Your name').fill('Dana W.');
    await a.page.getByRole('button', { name: 'Save' }).click();
    await a.page.reload();
    await expect
      .poll(
        () =>
          answer().evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent),
        { timeout: 15_000 },
      )
      .toBe('Often');

    // Changing the answer after the rename replaces it: still one answer, now "Always".
    await answer().selectOption({ label: 'Always' });
    await expect.poll(() => countSeenByB('Always'), { timeout: 10_000 }).toBe('1');
    expect(await countSeenByB('Often')).toBe('0');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test("the projector is shown as the facilitator's, not as a guest", async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Kickoff',
      template: 'roles-working-session',
    });
    const projector = await openPage(
      scene.browser,
      address(`/d/${id}/present`, scene.workspace.tokens.editor),
    );
    const attendee = await openPage(
      scene.browser,
      address(`/d/${id}`, scene.workspace.tokens.editor),
    );
    await expect
      .poll(() => attendee.page.locator('.people').textContent(), { timeout: 15_000 })
      .toContain("The facilitator's projector");
    expect(await attendee.page.locator('.people').textContent()).not.toMatch(
      /Guest \d+.*Guest \d+/,
    );
    await projector.context.close();
    await attendee.context.close();
  });
});
