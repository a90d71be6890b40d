import type { Browser, Locator, Page } from 'playwright-core';
import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { accountParticipantId } from '../../core/metrics/index.ts';
import { addRow, linkPerson, readDocument, readTable, setRating } from '../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../../core/templates/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { launchChromium, openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { startIdentityServer, type IdentityTestServer } from '../support/identity-server.ts';
import { signInWithoutBrowser, signInInBrowser } from '../support/sign-in.ts';
import { editStored } from '../support/sync-clients.ts';
import { api, createDocumentIn, createWorkspace, type Workspace } from '../support/test-server.ts';

/** Issue 18: follow-up owners and rubric answers by the names of signed-in people. */

let server: IdentityTestServer;
let browser: Browser;
let workspace: Workspace;
let danaId: string;
let patId: string;

const SIZES = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
] as const;

beforeAll(async () => {
  server = await startIdentityServer({
    pat: { email: 'pat@riverside.example', name: 'Pat Lee' },
    sam: { email: 'sam@riverside.example', name: 'Sam Ortiz' },
    dana: { email: 'dana@riverside.example', name: 'Dana Reyes' },
  });
  browser = await launchChromium();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  for (const [email, role] of [
    ['pat@riverside.example', 'owner'],
    ['sam@riverside.example', 'editor'],
    ['dana@riverside.example', 'editor'],
  ]) {
    const invited = await api(server.url, `/api/workspaces/${workspace.id}/members`, {
      token: workspace.tokens.owner,
      body: { email, role },
    });
    expect(invited.status).toBe(201);
  }
  const idOf = async (login: string): Promise<string> => {
    const { cookie } = await signInWithoutBrowser(server.url, login);
    const me = await fetch(new URL('/api/me', server.url), { headers: { cookie: cookie! } });
    return ((await me.json()) as { id: string }).id;
  };
  // Each signs in once, elsewhere, so each is a member with an account to pick.
  danaId = await idOf('dana');
  patId = await idOf('pat');
  await idOf('sam');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function signInAs(page: Page, login: string): Promise<void> {
  return signInInBrowser(page, server.publicUrl, login);
}

/** Screenshots at each size, with `subject` scrolled into view once the page has reflowed. */
async function shoot(page: Page, name: string, subject?: Locator): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await subject?.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.screenshot({
      path: `${SCREENSHOT_DIR}/${name}-${size.width}x${size.height}.png`,
      fullPage: false,
    });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const link = (path: string) =>
  new URL(`${path}?token=${workspace.tokens.editor}`, server.publicUrl).href;

/** Opens an owner cell of the next steps: its preview turns into the combobox. */
async function openOwnerCell(page: Page, row: number) {
  await page.getByRole('textbox', { name: `Owner, row ${row}`, exact: true }).click();
  const combobox = page.getByRole('combobox', { name: `Owner, row ${row}`, exact: true });
  await combobox.waitFor();
  return combobox;
}

const optionNames = (page: Page) => page.getByRole('option').allTextContents();

function ownerCellOf(doc: Y.Doc, row: number) {
  return readTable(doc, NEXT_STEPS_SECTION_ID)!.value.rows[row]!.cells[NEXT_STEPS_COLUMNS.owner];
}

describe('follow-up owners linked to accounts', () => {
  test('the owner cell offers members in a combobox worked by keyboard, and free text still works', async () => {
    const documentId = await createDocumentIn(server.url, workspace, {
      title: 'Fall barriers',
      template: 'barriers',
    });
    await editStored(server.url, documentId, workspace.tokens.editor, (doc) => {
      expect(addRow(doc, NEXT_STEPS_SECTION_ID, { values: { task: 'Share the form' } }).ok).toBe(
        true,
      );
    });
    const pat = await openPage(browser, new URL('/', server.publicUrl).href);
    await signInAs(pat.page, 'pat');
    await pat.page.goto(link(`/d/${documentId}`));
    const page = pat.page;

    const owner = await openOwnerCell(page, 1);
    await expect.poll(() => optionNames(page)).toEqual(['Dana Reyes', 'Pat Lee', 'Sam Ortiz']);
    expect(await owner.getAttribute('aria-expanded')).toBe('true');
    expect(await owner.getAttribute('aria-autocomplete')).toBe('list');
    const listId = await owner.getAttribute('aria-controls');
    expect(await page.locator(`[id="${listId}"]`).getAttribute('role')).toBe('listbox');
    // Until one types or asks for the list, Down still walks the table, as in every other cell.
    await page.keyboard.press('ArrowDown');
    await page.getByRole('combobox', { name: 'Owner, row 2', exact: true }).waitFor();
    await page.keyboard.press('ArrowUp');
    await owner.waitFor();

    await owner.fill('');
    await owner.pressSequentially('sa');
    await expect.poll(() => optionNames(page)).toEqual(['Sam Ortiz']);
    await page.keyboard.press('ArrowDown');
    const active = await owner.getAttribute('aria-activedescendant');
    expect(await page.locator(`[id="${active}"]`).textContent()).toBe('Sam Ortiz');
    expect(await page.locator(`[id="${active}"]`).getAttribute('aria-selected')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => owner.inputValue()).toBe('Sam Ortiz');
    expect(await owner.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('.person-account').first().textContent()).toContain('account');

    // Alt+Down opens the list again, the arrows wrap, Escape closes it and keeps the focus.
    await page.keyboard.press('Alt+ArrowDown');
    expect(await owner.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Escape');
    expect(await owner.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe(
      'combobox',
    );
    await page.keyboard.press('Alt+ArrowDown');
    await shoot(page, 'owner-combobox', owner);
    await page.keyboard.press('Escape');

    // Someone without an account: typed, not linked.
    const second = await openOwnerCell(page, 2);
    await second.fill('Community partner');
    await expect.poll(() => optionNames(page)).toEqual([]);
    expect(await second.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Tab');
    expect(pat.errors).toEqual([]);
    await pat.context.close();

    // What the browser wrote: Sam linked, the typed owner not.
    await editStored(server.url, documentId, workspace.tokens.viewer, (doc) => {
      expect(ownerCellOf(doc, 0)).toMatchObject({ text: 'Sam Ortiz', account: expect.any(String) });
      expect(ownerCellOf(doc, 1)).toEqual({ kind: 'person', text: 'Community partner' });
    });
  }, 240_000);

  test('two browsers editing one owner cell at once end with the same cell', async () => {
    const documentId = await createDocumentIn(server.url, workspace, {
      title: 'Kickoff',
      template: 'barriers',
    });
    const pat = await openPage(browser, new URL('/', server.publicUrl).href);
    const sam = await openPage(browser, new URL('/', server.publicUrl).href);
    await signInAs(pat.page, 'pat');
    await signInAs(sam.page, 'sam');
    for (const { page } of [pat, sam]) await page.goto(link(`/d/${documentId}`));
    const patOwner = await openOwnerCell(pat.page, 1);
    const samOwner = await openOwnerCell(sam.page, 1);
    await patOwner.fill('');
    await expect.poll(() => samOwner.inputValue()).toBe('');
    await patOwner.pressSequentially('Dan');
    await Promise.all([
      (async () => {
        await pat.page.keyboard.press('ArrowDown');
        await pat.page.keyboard.press('Enter');
      })(),
      samOwner.pressSequentially(' and Riley'),
    ]);
    await expect
      .poll(async () => [await patOwner.inputValue(), await samOwner.inputValue()], {
        timeout: 15_000,
      })
      .toSatisfy(([a, b]) => a === b && a !== '');
    const marks = async (page: Page) => page.locator('.person-account').count();
    await expect.poll(async () => (await marks(pat.page)) === (await marks(sam.page))).toBe(true);
    expect(pat.errors).toEqual([]);
    expect(sam.errors).toEqual([]);
    await pat.context.close();
    await sam.context.close();
  }, 240_000);

  test('the follow-ups page shows a linked owner by the account’s current name and filters by it', async () => {
    const documentId = await createDocumentIn(server.url, workspace, {
      title: 'Spring barriers',
      template: 'barriers',
    });
    await editStored(server.url, documentId, workspace.tokens.editor, (doc) => {
      const rows = readTable(doc, NEXT_STEPS_SECTION_ID)!.value.rows;
      // Picked while Dana's account still had an older name.
      linkPerson(doc, NEXT_STEPS_SECTION_ID, rows[0]!.id, NEXT_STEPS_COLUMNS.owner, {
        account: danaId,
        name: 'D. Reyes',
      });
    });
    const pat = await openPage(browser, new URL('/', server.publicUrl).href);
    await signInAs(pat.page, 'pat');
    await pat.page.goto(link(`/w/${workspace.id}/follow-ups`));
    const page = pat.page;
    const owner = page.getByLabel('Owner, Spring barriers, row 1', { exact: true });
    await expect.poll(() => owner.inputValue(), { timeout: 20_000 }).toBe('D. Reyes');
    await expect
      .poll(() => page.locator('.follow-up-owner .person-account').first().textContent())
      .toContain('now Dana Reyes');
    await page.getByLabel('Owner', { exact: true }).selectOption({ label: 'Dana Reyes' });
    await expect
      .poll(() => page.locator('.follow-ups-table tbody tr').count())
      .toBeGreaterThanOrEqual(1);
    const shownOwners = await page.locator('.follow-up-owner .person-account').allTextContents();
    expect(shownOwners.length).toBe(await page.locator('.follow-ups-table tbody tr').count());
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'follow-ups-linked-owner', owner);
    expect(pat.errors).toEqual([]);
    await pat.context.close();
  }, 240_000);
});

describe('rubric answers by name', () => {
  test('members see who answered by name; a share link alone sees only the counts', async () => {
    const documentId = await createDocumentIn(server.url, workspace, {
      title: 'Rubric',
      template: 'assessment',
    });
    await editStored(server.url, documentId, workspace.tokens.editor, (doc) => {
      for (const section of readDocument(doc).value.sections) {
        if (section.kind !== 'table') continue;
        const column = section.table.columns.find((candidate) => candidate.kind === 'rating');
        if (column === undefined) continue;
        for (const row of section.table.rows.slice(0, 3)) {
          setRating(doc, section.id, row.id, column.id, accountParticipantId(patId), 1);
          setRating(doc, section.id, row.id, column.id, 'p-linkdevice1', 2);
        }
      }
    });
    const pat = await openPage(browser, new URL('/', server.publicUrl).href);
    await signInAs(pat.page, 'pat');
    await pat.page.goto(link(`/d/${documentId}`));
    const names = pat.page.locator('.respondent-names');
    await pat.page.getByRole('heading', { name: 'Results by round' }).scrollIntoViewIfNeeded();
    await expect
      .poll(() => names.textContent(), { timeout: 20_000 })
      .toBe(
        'Signed-in members who answered Round 1: Pat Lee. 1 other person answered by link and is not named.',
      );
    await names.scrollIntoViewIfNeeded();
    expect(await seriousViolations(pat.page)).toEqual([]);
    await shoot(pat.page, 'rubric-respondent-names', names);
    expect(pat.errors).toEqual([]);
    // Closed first: presence would show Pat by name, as it does to everyone in the document.
    await pat.context.close();

    const stranger = await openPage(browser, link(`/d/${documentId}`));
    await stranger.page.getByRole('heading', { name: 'Results by round' }).scrollIntoViewIfNeeded();
    await stranger.page.getByText(/people have answered|person has answered/).waitFor();
    expect(await stranger.page.locator('.respondent-names').count()).toBe(0);
    expect(await stranger.page.content()).not.toContain('Pat Lee');
    await stranger.context.close();
  }, 240_000);
});
