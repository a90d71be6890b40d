import type { Locator, Page } from 'playwright-core';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addRow,
  readAdaptation,
  readTable,
  setCell,
  writeAdaptation,
  writeSchoolRequirement,
} from '../../core/schema/index.ts';
import {
  MEETING_COLUMNS as M,
  MEETINGS_SECTION_ID,
  NEXT_STEPS_COLUMNS as N,
  NEXT_STEPS_SECTION_ID,
} from '../../core/templates/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREEN_SIZES, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { connectStockClient, editStored as editStoredAs } from '../support/sync-clients.ts';
import { api, createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();
const VIEWPORTS = SCREEN_SIZES;

const editStored = (documentId: string, edit: (doc: Y.Doc) => void): Promise<void> =>
  editStoredAs(scene.server.url, documentId, scene.workspace.tokens.editor, edit);

/**
 * Scrolls the target to the top as a link to it would, checks that the sticky facilitation bar
 * does not cover it, and shoots each viewport.
 */
async function shoot(page: Page, name: string, target: Locator): Promise<void> {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await target.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    const [barBottom, targetTop] = await page.evaluate(
      (element) => {
        const bar = document.querySelector('.facilitation-bar');
        const sticky = bar !== null && getComputedStyle(bar).position === 'sticky';
        return [
          sticky ? bar.getBoundingClientRect().bottom : 0,
          element!.getBoundingClientRect().top,
        ];
      },
      await target.elementHandle(),
    );
    expect(
      targetTop,
      `${name} at ${viewport.width}x${viewport.height}: the facilitation bar covers the top of what was scrolled to`,
    ).toBeGreaterThanOrEqual(barBottom);
    await page.screenshot({
      path: `${SCREENSHOT_DIR}/${name}-${viewport.width}x${viewport.height}.png`,
    });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const rowOf = (doc: Y.Doc, name: string) =>
  readTable(doc, MEETINGS_SECTION_ID)!.value.rows.find((row) =>
    JSON.stringify(row.cells[M.meeting]).includes(name),
  )!.id;

/** A district calendar whose operational update is held at every school from `firstDate`, and a school calendar adapting it. */
async function districtAndSchool(
  firstDate: string,
): Promise<{ district: string; school: string; row: string }> {
  const district = await createDocumentIn(scene.server.url, scene.workspace, {
    title: 'District meeting calendar',
    template: 'meeting-calendar',
  });
  let row = '';
  await editStored(district, (doc) => {
    row = rowOf(doc, 'Operational update');
    setCell(doc, MEETINGS_SECTION_ID, row, M.firstDate, firstDate);
    setCell(doc, MEETINGS_SECTION_ID, row, M.time, '09:00');
    setCell(doc, MEETINGS_SECTION_ID, row, M.owner, 'District lead');
    writeSchoolRequirement(doc, row, 'all-schools');
  });
  const response = await api(scene.server.url, `/api/documents/${district}/school-calendars`, {
    token: scene.workspace.tokens.editor,
    body: { school: 'Lincoln Elementary' },
  });
  const school = ((await response.json()) as { id: string }).id;
  return { district, school, row };
}

describe("a school calendar's own meetings of the district's", () => {
  test("two people open the school's meeting of a date at once, one offline, and get one document prefilled with the school's values (M7)", async () => {
    const { school, row } = await districtAndSchool('2098-02-02');
    await editStored(school, (doc) => {
      writeAdaptation(doc, row, 'firstDate', '2098-02-04');
      writeAdaptation(doc, row, 'time', '10:30');
      writeAdaptation(doc, row, 'owner', 'Ms. Park');
    });
    const online = await openPage(scene.browser, scene.documentUrl(school));
    const offline = await openPage(scene.browser, scene.documentUrl(school));
    const buttonName = 'Open the meeting of Feb 4, 2098: Operational update';
    for (const { page } of [online, offline])
      await page.getByRole('button', { name: buttonName }).waitFor({ timeout: 20_000 });
    // The district's own first date is not one of the school's dates.
    expect(
      await online.page
        .getByRole('button', { name: 'Open the meeting of Feb 2, 2098: Operational update' })
        .count(),
    ).toBe(0);

    await offline.context.setOffline(true);
    await Promise.all([
      offline.page.getByRole('button', { name: buttonName }).click(),
      online.page.getByRole('button', { name: buttonName }).click(),
    ]);
    await offline.page.getByText('will be created when this device is back online').waitFor();
    await online.page.waitForURL(/\/d\/[^/]+\.2098-02-04$/, { timeout: 15_000 });
    const meetingId = decodeURIComponent(new URL(online.page.url()).pathname.slice('/d/'.length));
    expect(meetingId).toBe(`${school}.${row}.2098-02-04`);
    await online.page
      .getByText(/February 4, 2098/)
      .first()
      .waitFor({ timeout: 20_000 });
    const details = await online.page
      .locator('.open-next-steps')
      .locator('xpath=ancestor::section[1]')
      .innerText();
    expect(details).toContain('Ms. Park');
    expect(details).toContain('10:30');
    expect(details).not.toContain('District lead');

    // Back online, the offline press is fulfilled by the same document, listed on the school's row.
    await offline.context.setOffline(false);
    const item = offline.page.locator('.school-meeting', { hasText: 'Operational update' });
    await item.getByRole('link', { name: 'Meeting of Feb 4, 2098' }).waitFor({ timeout: 20_000 });
    expect(
      await item.getByRole('link', { name: 'Meeting of Feb 4, 2098' }).getAttribute('href'),
    ).toBe(`/d/${meetingId}`);
    const listed = (await (
      await api(scene.server.url, `/api/workspaces/${scene.workspace.id}/documents`, {
        token: scene.workspace.tokens.viewer,
      })
    ).json()) as { id: string }[];
    expect(
      listed.map((document) => document.id).filter((id) => id.startsWith(`${school}.`)),
    ).toEqual([meetingId]);

    await shoot(offline.page, 'school-calendar-occurrences', item);
    expect(await seriousViolations(offline.page)).toEqual([]);
    expect([...online.errors, ...offline.errors]).toEqual([]);
    await online.context.close();
    await offline.context.close();
  }, 180_000);

  test("two people typing at once into the school's owner, time and first date keep every letter of the owner and one whole time and date", async () => {
    const { school, row } = await districtAndSchool('2098-03-02');
    const a = await openPage(scene.browser, scene.documentUrl(school));
    const b = await openPage(scene.browser, scene.documentUrl(school));
    const field = (page: Page, label: string): Locator =>
      page
        .locator('.school-meeting', { hasText: 'Operational update' })
        .getByLabel(label, { exact: true });
    for (const { page } of [a, b]) await field(page, 'Owner').waitFor({ timeout: 20_000 });
    const stored = connectStockClient(scene.server.url, school, scene.workspace.tokens.viewer);
    await stored.synced;
    const seen = new Set<string>();
    stored.doc.on('update', () => {
      const { time, firstDate } = readAdaptation(stored.doc, row);
      seen.add(`time ${time ?? ''}`).add(`date ${firstDate ?? ''}`);
    });

    // The owner: two words typed at once, 0 ms between keys, both kept whole.
    for (const { page } of [a, b]) await field(page, 'Owner').click();
    await Promise.all([
      a.page.keyboard.type('alphaword', { delay: 0 }),
      b.page.keyboard.type('BRAVOWORD', { delay: 0 }),
    ]);
    for (const { page } of [a, b])
      await expect
        .poll(() => field(page, 'Owner').inputValue(), { timeout: 10_000 })
        .toMatch(/^(alphawordBRAVOWORD|BRAVOWORDalphaword)$/);
    expect(await field(a.page, 'Owner').inputValue()).toBe(
      await field(b.page, 'Owner').inputValue(),
    );

    // One types the owner on while the other types a time: both kept.
    await field(b.page, 'Time').click();
    await Promise.all([
      a.page.keyboard.type(' and co', { delay: 0 }),
      b.page.keyboard.type('1030AM', { delay: 0 }),
    ]);
    await expect
      .poll(() => readAdaptation(stored.doc, row).time, { timeout: 10_000 })
      .toBe('10:30');
    await expect
      .poll(() => readAdaptation(stored.doc, row).owner, { timeout: 10_000 })
      .toMatch(/ and co/);
    expect(readAdaptation(stored.doc, row).owner!.replace(' and co', '')).toMatch(
      /^(alphawordBRAVOWORD|BRAVOWORDalphaword)$/,
    );

    // Both type a different time, then a different date, at once: each device ends on the same
    // whole value, one of the two typed, never a mix of their digits or a half-typed year.
    // A click at the field's left edge lands in its hour part.
    for (const { page } of [a, b]) await field(page, 'Time').click({ position: { x: 12, y: 12 } });
    await Promise.all([
      a.page.keyboard.type('0815AM', { delay: 0 }),
      b.page.keyboard.type('0245PM', { delay: 0 }),
    ]);
    for (const { page } of [a, b]) await page.getByRole('heading', { level: 1 }).click();
    await expect
      .poll(
        async () => [
          await field(a.page, 'Time').inputValue(),
          await field(b.page, 'Time').inputValue(),
        ],
        { timeout: 10_000 },
      )
      .toSatisfy(([x, y]: string[]) => x === y && (x === '08:15' || x === '14:45'));
    expect(readAdaptation(stored.doc, row).time).toBe(await field(a.page, 'Time').inputValue());

    for (const { page } of [a, b])
      await field(page, 'First date').click({ position: { x: 12, y: 12 } });
    await Promise.all([
      a.page.keyboard.type('03042098', { delay: 0 }),
      b.page.keyboard.type('03112098', { delay: 0 }),
    ]);
    for (const { page } of [a, b]) await page.getByRole('heading', { level: 1 }).click();
    await expect
      .poll(
        async () => [
          await field(a.page, 'First date').inputValue(),
          await field(b.page, 'First date').inputValue(),
        ],
        { timeout: 10_000 },
      )
      .toSatisfy(([x, y]: string[]) => x === y && (x === '2098-03-04' || x === '2098-03-11'));
    expect(readAdaptation(stored.doc, row).firstDate).toBe(
      await field(a.page, 'First date').inputValue(),
    );
    const wholeValues = new Set([
      'time ',
      'time 10:30',
      'time 08:15',
      'time 14:45',
      'date ',
      'date 2098-03-04',
      'date 2098-03-11',
    ]);
    expect([...seen].filter((value) => !wholeValues.has(value))).toEqual([]);
    stored.destroy();
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  }, 120_000);
});

describe('open next steps follow the meeting before, live (M6)', () => {
  test('a meeting opened first picks up an earlier one opened later, then a later-opened one in between', async () => {
    const calendar = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Meeting calendar',
      template: 'meeting-calendar',
    });
    let row = '';
    await editStored(calendar, (doc) => {
      row = rowOf(doc, 'Student progress update');
      setCell(doc, MEETINGS_SECTION_ID, row, M.firstDate, '2098-04-01');
    });
    const openMeeting = async (date: string, task: string | null): Promise<string> => {
      const { id } = (await (
        await api(scene.server.url, `/api/documents/${calendar}/occurrences`, {
          token: scene.workspace.tokens.editor,
          body: { row, date },
        })
      ).json()) as { id: string };
      if (task !== null)
        await editStored(
          id,
          (doc) =>
            void addRow(doc, NEXT_STEPS_SECTION_ID, {
              values: { [N.task]: task, [N.done]: false },
            }),
        );
      return id;
    };
    const tasks = (page: Page) =>
      page
        .locator('.open-next-steps .follow-up-task textarea')
        .evaluateAll((cells) => cells.map((cell) => (cell as HTMLTextAreaElement).value));

    const third = await openMeeting('2098-04-29', null);
    const { page, context, errors } = await openPage(scene.browser, scene.documentUrl(third));
    await page
      .getByText('This is the first meeting of this series with a document')
      .waitFor({ timeout: 20_000 });

    await openMeeting('2098-04-01', 'Share the referral form with every school');
    await expect
      .poll(() => tasks(page), { timeout: 20_000 })
      .toEqual(['Share the referral form with every school']);

    const second = await openMeeting('2098-04-15', 'Invite the new provider to the next meeting');
    await expect
      .poll(() => tasks(page), { timeout: 20_000 })
      .toEqual(['Invite the new provider to the next meeting']);
    expect(await page.locator('.open-next-steps .lede a').first().getAttribute('href')).toBe(
      `/d/${second}`,
    );

    // Nothing was copied into this meeting's own next steps.
    const reader = connectStockClient(scene.server.url, third, scene.workspace.tokens.viewer);
    await reader.synced;
    expect(readTable(reader.doc, NEXT_STEPS_SECTION_ID)!.value.rows).toEqual([]);
    reader.destroy();

    await shoot(page, 'meeting-open-next-steps-live', page.locator('.open-next-steps'));
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
