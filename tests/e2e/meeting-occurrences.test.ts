import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addNoteSection,
  addRow,
  readAdaptation,
  readTable,
  setCell,
  writeSchoolRequirement,
} from '../../core/schema/index.ts';
import {
  MEETING_COLUMNS as M,
  MEETINGS_SECTION_ID,
  NEXT_STEPS_COLUMNS,
  NEXT_STEPS_SECTION_ID,
} from '../../core/templates/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREEN_SIZES, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { connectStockClient, editStored as editStoredAs } from '../support/sync-clients.ts';
import { api, createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

/** Far from any day this test runs on, so every date of the series is still to come. */
const FIRST = '2098-01-07';
const SECOND = '2098-01-21';
const VIEWPORTS = SCREEN_SIZES;

const editStored = (documentId: string, edit: (doc: Y.Doc) => void): Promise<void> =>
  editStoredAs(scene.server.url, documentId, scene.workspace.tokens.editor, edit);

/** The tasks listed under "Open next steps", top to bottom. */
function openTasks(page: Page): Promise<string[]> {
  return page
    .locator('.open-next-steps .follow-up-task textarea')
    .evaluateAll((cells) => cells.map((cell) => (cell as HTMLTextAreaElement).value));
}

async function shoot(page: Page, name: string, target: string): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.locator(target).first().scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `${SCREENSHOT_DIR}/${name}-${viewport.width}x${viewport.height}.png`,
    });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe('meetings that carry their next steps forward', () => {
  test('two people open the next meeting at once, one offline, and get one document whose open next steps edit the originals', async () => {
    const calendar = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Meeting calendar 2097-98',
      template: 'meeting-calendar',
    });
    const roles = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Roles working session',
      template: 'roles-working-session',
    });
    let rowId = '';
    await editStored(calendar, (doc) => {
      rowId = readTable(doc, MEETINGS_SECTION_ID)!.value.rows.find((row) =>
        JSON.stringify(row.cells[M.meeting]).includes('Student progress update'),
      )!.id;
      setCell(doc, MEETINGS_SECTION_ID, rowId, M.firstDate, FIRST);
      setCell(doc, MEETINGS_SECTION_ID, rowId, M.time, '15:30');
      setCell(doc, MEETINGS_SECTION_ID, rowId, M.owner, 'Dana Reyes');
    });
    // The first meeting exists and left two next steps, one done, and a link to the working session.
    const first = (await (
      await api(scene.server.url, `/api/documents/${calendar}/occurrences`, {
        token: scene.workspace.tokens.editor,
        body: { row: rowId, date: FIRST },
      })
    ).json()) as { id: string };
    await editStored(first.id, (doc) => {
      addRow(doc, NEXT_STEPS_SECTION_ID, {
        values: {
          [NEXT_STEPS_COLUMNS.task]: 'Call the provider about the waitlist',
          [NEXT_STEPS_COLUMNS.owner]: 'Sam Ortiz',
          [NEXT_STEPS_COLUMNS.done]: false,
        },
      });
      addRow(doc, NEXT_STEPS_SECTION_ID, {
        values: {
          [NEXT_STEPS_COLUMNS.task]: 'Send the consent form',
          [NEXT_STEPS_COLUMNS.done]: true,
        },
      });
      addNoteSection(doc, {
        title: 'Notes',
        blocks: [
          {
            type: 'paragraph',
            content: [
              { text: 'Roles agreed in ' },
              { text: 'the working session', link: `/d/${roles}` },
            ],
          },
        ],
      });
    });

    const calendarUrl = new URL(
      `/d/${calendar}?token=${scene.workspace.tokens.editor}`,
      scene.server.url,
    ).href;
    const online = await openPage(scene.browser, calendarUrl);
    const offline = await openPage(scene.browser, calendarUrl);
    const buttonName = 'Open the meeting of Jan 21, 2098: Student progress update';
    for (const { page } of [online, offline])
      await page.getByRole('button', { name: buttonName }).waitFor({ timeout: 20_000 });
    // The first meeting's date links to its document already.
    expect(
      await online.page.getByRole('link', { name: 'Meeting of Jan 7, 2098' }).getAttribute('href'),
    ).toBe(`/d/${first.id}`);

    await offline.context.setOffline(true);
    await Promise.all([
      offline.page.getByRole('button', { name: buttonName }).click(),
      online.page.getByRole('button', { name: buttonName }).click(),
    ]);
    await offline.page.getByText('will be created when this device is back online').waitFor();
    await online.page.waitForURL(/\/d\/[^/]+\.2098-01-21$/, { timeout: 15_000 });
    const meetingId = decodeURIComponent(new URL(online.page.url()).pathname.slice('/d/'.length));
    expect(meetingId).toBe(`${calendar}.${rowId}.${SECOND}`);

    // Back online, the offline press is fulfilled by the same document.
    await offline.context.setOffline(false);
    const link = offline.page.getByRole('link', { name: 'Meeting of Jan 21, 2098' });
    await link.waitFor({ timeout: 20_000 });
    await link.click();
    await offline.page.waitForURL((url) => url.pathname === `/d/${meetingId}`);
    const listed = (await (
      await api(scene.server.url, `/api/workspaces/${scene.workspace.id}/documents`, {
        token: scene.workspace.tokens.viewer,
      })
    ).json()) as { id: string }[];
    expect(
      listed
        .map((document) => document.id)
        .filter((id) => id.includes(`.${rowId}.`))
        .sort(),
    ).toEqual([first.id, meetingId]);

    // Prefilled from the row, and the open next steps: the first meeting's not-done one and the working session's.
    const page = online.page;
    await page.getByText('Tuesday, January 21, 2098').first().waitFor();
    await expect
      .poll(() => openTasks(page), { timeout: 20_000 })
      .toContain('Call the provider about the waitlist');
    const shown = await openTasks(page);
    expect(shown).not.toContain('Send the consent form');
    expect(shown.some((task) => task.startsWith('Communicate roles and responsibilities'))).toBe(
      true,
    );
    expect(
      await page
        .locator('.open-next-steps')
        .getByRole('link', { name: 'Roles working session' })
        .count(),
    ).toBeGreaterThan(0);

    // Editing here edits the first meeting's row; ticking done there drops it here.
    const original = connectStockClient(scene.server.url, first.id, scene.workspace.tokens.editor);
    await original.synced;
    const taskOf = () =>
      readTable(original.doc, NEXT_STEPS_SECTION_ID)!
        .value.rows.map((row) => row.cells[NEXT_STEPS_COLUMNS.task])
        .find((cell) => JSON.stringify(cell).includes('waitlist'));
    const row = page.locator('.open-next-steps tbody tr').filter({ has: page.locator('textarea') });
    const rowCount = await row.count();
    let target = -1;
    for (let index = 0; index < rowCount; index++)
      if (
        (await row.nth(index).locator('.follow-up-task textarea').inputValue()) ===
        'Call the provider about the waitlist'
      )
        target = index;
    expect(target).toBeGreaterThanOrEqual(0);
    const taskField = row.nth(target).locator('.follow-up-task textarea');
    await taskField.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' by Friday');
    await expect
      .poll(() => JSON.stringify(taskOf()), { timeout: 10_000 })
      .toContain('Call the provider about the waitlist by Friday');
    await expect
      .poll(() => openTasks(offline.page), { timeout: 10_000 })
      .toContain('Call the provider about the waitlist by Friday');

    await shoot(page, 'meeting-open-next-steps', '.open-next-steps');
    expect(await seriousViolations(page)).toEqual([]);

    await row.nth(target).locator('.follow-up-done input[type=checkbox]').check();
    const doneOf = () =>
      readTable(original.doc, NEXT_STEPS_SECTION_ID)!.value.rows.find((r) =>
        JSON.stringify(r.cells[NEXT_STEPS_COLUMNS.task]).includes('waitlist'),
      )!.cells[NEXT_STEPS_COLUMNS.done];
    await expect.poll(() => JSON.stringify(doneOf()), { timeout: 10_000 }).toContain('true');
    await page.getByRole('heading', { level: 1 }).click();
    await expect
      .poll(() => openTasks(page), { timeout: 10_000 })
      .not.toContain('Call the provider about the waitlist by Friday');
    // Nothing was copied: the meeting's own next-steps table is still empty.
    const meeting = connectStockClient(scene.server.url, meetingId, scene.workspace.tokens.viewer);
    await meeting.synced;
    expect(readTable(meeting.doc, NEXT_STEPS_SECTION_ID)!.value.rows).toEqual([]);
    meeting.destroy();
    original.destroy();

    // The calendar lists both meetings' documents.
    await offline.page.goto(calendarUrl);
    await offline.page
      .getByRole('link', { name: 'Meeting of Jan 21, 2098' })
      .waitFor({ timeout: 20_000 });
    await shoot(offline.page, 'calendar-occurrences', '.meeting-occurrences');
    expect(await seriousViolations(offline.page)).toEqual([]);
    expect([...online.errors, ...offline.errors]).toEqual([]);
    await online.context.close();
    await offline.context.close();
  }, 240_000);

  test('a school calendar stays in step with a required district meeting, keeps its own meeting, and the district sees who scheduled what', async () => {
    const district = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'District meeting calendar',
      template: 'meeting-calendar',
    });
    const rowOf = (doc: Y.Doc, name: string) =>
      readTable(doc, MEETINGS_SECTION_ID)!.value.rows.find((row) =>
        JSON.stringify(row.cells[M.meeting]).includes(name),
      )!.id;
    let operational = '';
    await editStored(district, (doc) => {
      operational = rowOf(doc, 'Operational update');
      setCell(doc, MEETINGS_SECTION_ID, operational, M.firstDate, '2098-02-02');
      setCell(doc, MEETINGS_SECTION_ID, operational, M.time, '09:00');
      writeSchoolRequirement(doc, operational, 'all-schools');
    });

    const districtUrl = new URL(
      `/d/${district}?token=${scene.workspace.tokens.editor}`,
      scene.server.url,
    ).href;
    const { page, context, errors } = await openPage(scene.browser, districtUrl);
    await page.getByLabel('School', { exact: true }).fill('Lincoln Elementary');
    await page.getByRole('button', { name: 'Adapt for a school' }).click();
    await page
      .getByRole('heading', { name: 'Meetings from the district calendar' })
      .waitFor({ timeout: 20_000 });
    const schoolId = decodeURIComponent(new URL(page.url()).pathname.slice('/d/'.length));
    const required = page.locator('.school-meeting', { hasText: 'Operational update' });
    await required.getByText('Every school').waitFor({ timeout: 20_000 });
    expect(await required.getByText('From the district calendar').count()).toBe(1);

    // The school sets its own time and adds a meeting of its own.
    await required.getByLabel('Time').fill('10:30');
    await editStored(schoolId, (doc) => {
      addRow(doc, MEETINGS_SECTION_ID, { values: { [M.meeting]: 'Lincoln wellness team huddle' } });
    });
    await expect
      .poll(() =>
        page
          .locator('.school-meeting', { hasText: 'Operational update' })
          .getByLabel('Time')
          .inputValue(),
      )
      .toBe('10:30');

    // The district changes the required meeting: it reaches the school copy at once.
    await editStored(district, (doc) => {
      setCell(
        doc,
        MEETINGS_SECTION_ID,
        operational,
        M.topics,
        'Review students referred vs. served at every school',
      );
    });
    await required
      .getByText('Review students referred vs. served at every school')
      .waitFor({ timeout: 20_000 });

    // An optional one can be dropped; the school's own meeting is still its own.
    const optional = page.locator('.school-meeting', { hasText: 'MOU renegotiation' });
    await optional.getByLabel('Not held at this school').check();
    await optional.getByText('Dropped at this school.').waitFor();
    const school = connectStockClient(scene.server.url, schoolId, scene.workspace.tokens.viewer);
    await school.synced;
    await expect
      .poll(() => readAdaptation(school.doc, operational).time, { timeout: 10_000 })
      .toBe('10:30');
    expect(
      readTable(school.doc, MEETINGS_SECTION_ID)!.value.rows.map((row) =>
        JSON.stringify(row.cells[M.meeting]),
      ),
    ).toEqual([expect.stringContaining('Lincoln wellness team huddle')]);
    expect(
      readTable(school.doc, MEETINGS_SECTION_ID)!.value.rows.some((row) =>
        JSON.stringify(row.cells).includes('Operational update'),
      ),
    ).toBe(false);
    school.destroy();
    await page.getByText('Lincoln wellness team huddle').first().waitFor();

    await shoot(page, 'school-calendar', '.school-district-meetings');
    expect(await seriousViolations(page)).toEqual([]);

    // The district sees which schools have each meeting scheduled.
    await page.goto(districtUrl);
    const coverage = page.locator('.school-coverage');
    await expect
      .poll(
        () =>
          coverage
            .getByRole('row', { name: /Operational update/ })
            .locator('td')
            .nth(1)
            .textContent(),
        { timeout: 20_000 },
      )
      .toBe('Lincoln Elementary');
    expect(await coverage.getByLabel('At schools: Operational update').inputValue()).toBe(
      'all-schools',
    );
    expect(
      await coverage
        .getByRole('row', { name: /MOU renegotiation/ })
        .locator('td')
        .nth(2)
        .textContent(),
    ).toBe('Lincoln Elementary');
    await shoot(page, 'district-schools', '.district-schools');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
