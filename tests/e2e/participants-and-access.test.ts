import { describe, expect, test } from 'vitest';
import { openPage } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

const address = (path: string, token?: string) => new URL(`${path}${token === undefined ? '' : `?token=${token}`}`, scene.server.url).href;

describe('who someone is, and what their link opens', () => {
  test('a member who joined through the workspace link opens a document from its address alone', async () => {
    const member = await openPage(scene.browser, address(`/w/${scene.workspace.id}`, scene.workspace.tokens.editor));
    await member.page.getByRole('heading', { level: 1 }).waitFor();
    // Made after the member last saw the list, so the device has never heard of it.
    const id = await createDocumentIn(scene.server.url, scene.workspace, { title: 'Spring data review', template: 'data-review' });
    await member.page.goto(address(`/d/${id}`));
    await expect.poll(() => member.page.getByLabel('Document title', { exact: true }).inputValue(), { timeout: 15_000 }).toBe('Spring data review');
    expect(await member.page.getByText('needs a share link').count()).toBe(0);
    expect(member.errors).toEqual([]);
    await member.context.close();
  });

  test('changing one\'s name keeps one\'s rubric answers', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, { title: 'Rubric', template: 'assessment' });
    const { page, context, errors } = await openPage(scene.browser, address(`/d/${id}`, scene.workspace.tokens.editor));
    const answer = page.locator('select[aria-label$=": your answer"]').first();
    await answer.scrollIntoViewIfNeeded();
    await answer.selectOption({ label: 'Often' });
    await page.getByRole('button', { name: 'Set your name' }).click();
    await page.getByLabel('Your name').fill('Dana Whitfield');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Change your name' }).click();
    await page.getByLabel('Your name').fill('Dana W.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.reload();
    const again = page.locator('select[aria-label$=": your answer"]').first();
    await expect.poll(() => again.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent), { timeout: 15_000 }).toBe('Often');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the projector is shown as the facilitator\'s, not as a guest', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, { title: 'Kickoff', template: 'roles-working-session' });
    const projector = await openPage(scene.browser, address(`/d/${id}/present`, scene.workspace.tokens.editor));
    const attendee = await openPage(scene.browser, address(`/d/${id}`, scene.workspace.tokens.editor));
    await expect.poll(() => attendee.page.locator('.people').textContent(), { timeout: 15_000 }).toContain("The facilitator's projector");
    expect(await attendee.page.locator('.people').textContent()).not.toMatch(/Guest \d+.*Guest \d+/);
    await projector.context.close();
    await attendee.context.close();
  });
});
