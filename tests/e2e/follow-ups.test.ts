import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { fillCell } from '../support/cells.ts';
import { addRow, readTable, setCell } from '../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../../core/templates/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { connectStockClient } from '../support/sync-clients.ts';
import { createDocumentIn, createWorkspace } from '../support/test-server.ts';

const scene = useBrowserScene();

/** Far enough from any day this test runs on that "overdue" and "upcoming" cannot flip. */
const LONG_AGO = '2001-02-03';
const SOON = '2098-05-01';
const LATER = '2099-06-01';

/** Sets next-steps cells through a stock client, the way another laptop in the room would. */
async function editNextSteps(
  documentId: string,
  edit: (doc: import('yjs').Doc, rowIds: string[]) => void,
): Promise<void> {
  const client = connectStockClient(scene.server.url, documentId, scene.workspace.tokens.editor);
  await client.synced;
  const before = readTable(client.doc, NEXT_STEPS_SECTION_ID)!.value.rows.map((row) => row.id);
  edit(client.doc, before);
  // The relay stores before it echoes; wait until our state is stored by asking for it back.
  const check = connectStockClient(scene.server.url, documentId, scene.workspace.tokens.editor);
  await check.synced;
  const expected = JSON.stringify(readTable(client.doc, NEXT_STEPS_SECTION_ID)!.value);
  await expect
    .poll(() => JSON.stringify(readTable(check.doc, NEXT_STEPS_SECTION_ID)?.value ?? null), {
      timeout: 10_000,
    })
    .toBe(expected);
  check.destroy();
  client.destroy();
}

/** The task texts of the listed rows, top to bottom. */
async function listedTasks(page: Page): Promise<string[]> {
  const cells = page.locator('.follow-ups-table tbody tr td.follow-up-task textarea');
  const count = await cells.count();
  const tasks: string[] = [];
  for (let index = 0; index < count; index++) tasks.push(await cells.nth(index).inputValue());
  return tasks;
}

describe('follow-ups across the workspace', () => {
  test('lists next steps of every document by deadline, marks the overdue one, filters, and edits live both ways', async () => {
    const barriers = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Fall barriers',
      template: 'barriers',
    });
    const session = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Kickoff working session',
      template: 'roles-working-session',
    });
    // A document without next steps: the page need not open it.
    await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'October data review',
      template: 'data-review',
    });

    await editNextSteps(barriers, (doc) => {
      const added = addRow(doc, NEXT_STEPS_SECTION_ID, {
        values: { task: 'Draft the referral form', owner: 'Dana Reyes', deadline: LONG_AGO },
      });
      expect(added.ok).toBe(true);
    });
    await editNextSteps(session, (doc, rows) => {
      setCell(doc, NEXT_STEPS_SECTION_ID, rows[0]!, NEXT_STEPS_COLUMNS.owner, 'Sam Ortiz');
      setCell(doc, NEXT_STEPS_SECTION_ID, rows[0]!, NEXT_STEPS_COLUMNS.deadline, LATER);
      setCell(
        doc,
        NEXT_STEPS_SECTION_ID,
        rows[1]!,
        NEXT_STEPS_COLUMNS.task,
        'Share the provider directory',
      );
      setCell(doc, NEXT_STEPS_SECTION_ID, rows[1]!, NEXT_STEPS_COLUMNS.owner, 'dana reyes');
      setCell(doc, NEXT_STEPS_SECTION_ID, rows[1]!, NEXT_STEPS_COLUMNS.deadline, SOON);
    });

    // From the workspace page, by its link: the workspace route must not swallow the follow-ups one.
    const followUps = await openPage(
      scene.browser,
      new URL(`/w/${scene.workspace.id}?token=${scene.workspace.tokens.editor}`, scene.server.url)
        .href,
    );
    const page = followUps.page;
    const sockets: { url: string; closed: () => boolean }[] = [];
    page.on('websocket', (socket) =>
      sockets.push({ url: socket.url(), closed: () => socket.isClosed() }),
    );
    await page.getByRole('link', { name: /Follow-ups/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Follow-ups' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/w/${scene.workspace.id}/follow-ups`);
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toContain('2 of 2 documents loaded.');

    // 1 + 3 template rows; the barriers example and two working-session tasks have no calendar date.
    await expect
      .poll(() => listedTasks(page).then((tasks) => tasks.length), { timeout: 10_000 })
      .toBe(5);
    const tasks = await listedTasks(page);
    expect(tasks.slice(0, 3)).toEqual([
      'Draft the referral form',
      'Share the provider directory',
      expect.any(String),
    ]);
    expect(
      await page.getByLabel('Owner, Kickoff working session, row 1', { exact: true }).inputValue(),
    ).toBe('Sam Ortiz');
    expect(tasks.slice(3).some((task) => task.startsWith('Clearly assign'))).toBe(true);

    // Overdue is said in words, on that row only.
    const overdueRow = page.locator('.follow-ups-table tbody tr', { hasText: 'Overdue' });
    await expect.poll(() => overdueRow.count()).toBe(1);
    expect(await overdueRow.locator('textarea').inputValue()).toBe('Draft the referral form');
    expect(await page.locator('.follow-ups-summary').textContent()).toContain('1 overdue');

    // Filter by owner: spelling and case of "Dana Reyes" do not split her tasks.
    const owner = page.getByLabel('Owner', { exact: true });
    await owner.selectOption({ label: 'Dana Reyes' });
    await expect
      .poll(() => listedTasks(page))
      .toEqual(['Draft the referral form', 'Share the provider directory']);
    await owner.selectOption({ label: 'Sam Ortiz' });
    await expect.poll(() => listedTasks(page).then((list) => list.length)).toBe(1);
    await owner.selectOption({ label: 'Everyone' });
    await expect.poll(() => listedTasks(page).then((list) => list.length)).toBe(5);

    await page.screenshot({ path: `${SCREENSHOT_DIR}/follow-ups-page.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // The barriers document, open elsewhere.
    const other = await openPage(
      scene.browser,
      new URL(`/d/${barriers}?token=${scene.workspace.tokens.editor}`, scene.server.url).href,
    );
    await other.page.getByLabel('Task, row 2', { exact: true }).waitFor();

    // Both type into the same task at once, one from each place: the words merge.
    const here = page.getByLabel('Task, Fall barriers, row 2', { exact: true });
    const there = other.page.getByLabel('Task, row 2', { exact: true });
    await here.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('P: ');
    await there.click();
    await other.page.keyboard.press('Control+End');
    await other.page.keyboard.type(' (from the document)');
    for (const cell of [here, there]) {
      await expect
        .poll(() => cell.inputValue(), { timeout: 10_000 })
        .toBe('P: Draft the referral form (from the document)');
    }

    // Ticking done here reaches the document; the row stays put until focus leaves the table.
    await page.getByLabel('Done, Fall barriers, row 2', { exact: true }).check();
    await expect
      .poll(() => other.page.getByLabel('Done, row 2', { exact: true }).isChecked(), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(await listedTasks(page)).toContain('P: Draft the referral form (from the document)');
    await page.getByRole('heading', { level: 1 }).click();
    await expect.poll(() => listedTasks(page).then((list) => list.length)).toBe(4);
    await expect
      .poll(() => page.locator('.follow-ups-table tbody tr', { hasText: 'Overdue' }).count())
      .toBe(0);
    await page.getByLabel('Show done tasks').check();
    await expect.poll(() => listedTasks(page).then((list) => list.length)).toBe(5);

    // And the other way: an owner and a deadline set in the document show up here.
    const ownerThere = other.page.getByLabel('Owner, row 1', { exact: true });
    await fillCell(ownerThere, 'Lee Park');
    await fillCell(other.page.getByLabel('Deadline, row 1', { exact: true }), LONG_AGO);
    await expect
      .poll(() => page.getByLabel('Owner, Fall barriers, row 1', { exact: true }).inputValue(), {
        timeout: 10_000,
      })
      .toBe('Lee Park');
    await expect
      .poll(() => listedTasks(page).then((list) => list[0] ?? ''), { timeout: 10_000 })
      .toMatch(/^Clearly assign/);
    await expect
      .poll(() => page.locator('.follow-ups-table tbody tr', { hasText: 'Overdue' }).count())
      .toBe(1);
    await owner.selectOption({ label: 'Lee Park' });
    await expect.poll(() => listedTasks(page).then((list) => list.length)).toBe(1);

    // Sockets for the documents with next steps only, none for the data review (a reconnect may add one).
    const opened = [...sockets];
    expect([...new Set(opened.map((socket) => new URL(socket.url).pathname))].sort()).toEqual(
      [`/sync/${barriers}`, `/sync/${session}`].sort(),
    );

    // A row links to its document's next-steps section; leaving the page closes its sockets.
    await page
      .getByRole('row', { name: /Clearly assign/ })
      .getByRole('link', { name: 'Fall barriers' })
      .click();
    await page.getByLabel('Task, row 1', { exact: true }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).hash).toBe(
      `/d/${barriers}#section-${NEXT_STEPS_SECTION_ID}`,
    );
    // Scrolled down to it (it is the last section, so it may sit lower than the top of the window).
    const where = () =>
      page.locator(`#section-${NEXT_STEPS_SECTION_ID}`).evaluate((heading) => {
        const top = heading.getBoundingClientRect().top;
        return { scrolled: window.scrollY > 0, inView: top >= 0 && top < window.innerHeight };
      });
    await expect.poll(where, { timeout: 10_000 }).toEqual({ scrolled: true, inView: true });
    await expect
      .poll(() => opened.every((socket) => socket.closed()), { timeout: 10_000 })
      .toBe(true);

    expect([...followUps.errors, ...other.errors]).toEqual([]);
    await other.context.close();
    await followUps.context.close();
  });

  test('a document that cannot be opened is reported by name, and the others are still listed', async () => {
    const workspace = await createWorkspace(scene.server.url, 'Lakeside USD');
    const create = (title: string, template: string) =>
      createDocumentIn(scene.server.url, workspace, { title, template });
    await create('North barriers', 'barriers');
    const broken = await create('South barriers', 'barriers');
    await create('October data review', 'data-review');

    const context = await scene.browser.newContext({ viewport: { width: 1280, height: 800 } });
    // The relay refusing that one document for good, as it would a document deleted or moved away.
    await context.routeWebSocket(new RegExp(`/sync/${broken}(\\?|$)`), (socket) =>
      socket.close({ code: 4404, reason: 'This document no longer exists.' }),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(
      new URL(`/w/${workspace.id}/follow-ups?token=${workspace.tokens.viewer}`, scene.server.url)
        .href,
    );

    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('South barriers');
    expect(await alert.textContent()).toContain('This document no longer exists.');
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toContain('1 of 2 documents loaded.');
    await expect.poll(() => listedTasks(page)).toEqual([expect.stringMatching(/^Clearly assign/)]);
    // A viewer sees the follow-ups but cannot change them.
    expect(
      await page
        .getByLabel('Task, North barriers, row 1', { exact: true })
        .getAttribute('readonly'),
    ).not.toBeNull();
    expect(await page.getByLabel('Done, North barriers, row 1', { exact: true }).isDisabled()).toBe(
      true,
    );
    // By keyboard: from the owner filter, Tab reaches "show done", the table, then its first cell.
    await page.getByLabel('Owner', { exact: true }).focus();
    const focused = () =>
      page.evaluate(
        () =>
          document.activeElement?.getAttribute('aria-label') ??
          document.activeElement?.parentElement?.textContent?.trim() ??
          '',
      );
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Show done tasks');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Follow-ups in Lakeside USD');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Deadline, North barriers, row 1');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('opens offline from what the device has, and an edit made offline reaches the document once back online', async () => {
    const workspace = await createWorkspace(scene.server.url, 'Hillside USD');
    const id = await createDocumentIn(scene.server.url, workspace, {
      title: 'Winter barriers',
      template: 'barriers',
    });
    const { page, context, errors } = await openPage(
      scene.browser,
      new URL(`/w/${workspace.id}/follow-ups?token=${workspace.tokens.editor}`, scene.server.url)
        .href,
    );
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toContain('1 of 1 document loaded.');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
      timeout: 15_000,
    });

    await context.setOffline(true);
    await page.reload();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toContain('1 of 1 document loaded.');
    expect(await page.locator('.notice').allTextContents()).toEqual([
      expect.stringContaining('the list of documents is the one this device saw last'),
      expect.stringContaining(
        'shown from this device, which may miss others’ latest changes: Winter barriers',
      ),
    ]);
    const task = page.getByLabel('Task, Winter barriers, row 1', { exact: true });
    await task.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' +offline');
    await page.getByRole('heading', { level: 1 }).click();

    await context.setOffline(false);
    const reader = connectStockClient(scene.server.url, id, workspace.tokens.viewer);
    await reader.synced;
    await expect
      .poll(
        () =>
          readTable(reader.doc, NEXT_STEPS_SECTION_ID)?.value.rows[0]?.cells[
            NEXT_STEPS_COLUMNS.task
          ],
        { timeout: 20_000 },
      )
      .toEqual({ kind: 'text', text: expect.stringMatching(/^Clearly assign.* \+offline$/) });
    reader.destroy();
    expect(errors).toEqual([]);
    await context.close();
  });
});
