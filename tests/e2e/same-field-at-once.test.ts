import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { shownValue } from '../support/cells.ts';
import { useBrowserScene, type BrowserScene } from '../support/browser-scene.ts';
import { openPage } from '../support/browser.ts';
import { openTwice } from '../support/two-pages.ts';
import { api } from '../support/test-server.ts';

const scene = useBrowserScene();

const A_WORD = 'alphaword';
const B_WORD = 'BRAVOWORD';

/** Two people on one document, each page's uncaught exceptions and console errors collected. */
async function openTwoPeople(template: string) {
  const opened = await openTwice(scene, template);
  for (const person of [opened.a, opened.b])
    person.page.on('console', (message) => {
      if (message.type() === 'error') person.errors.push(message.text());
    });
  return opened;
}

/** What a third person, opening the document fresh, reads in the field: what is stored. */
async function readFresh(id: string, read: (page: Page) => Promise<string>): Promise<string> {
  const { page, context } = await openPage(scene.browser, scene.documentUrl(id));
  await expect
    .poll(() => page.locator('.status').textContent(), { timeout: 15_000 })
    .toContain('All changes synced');
  const value = await read(page);
  await context.close();
  return value;
}

/** A field whose text two people edit together, letter by letter. */
interface TextLikeField {
  readonly template: string;
  /** Puts this page's caret at the end of the field's text. */
  readonly caretToEnd: (page: Page) => Promise<void>;
  /** What the field holds on this page, while it is being edited. */
  readonly read: (page: Page) => Promise<string>;
  /** Ends editing, as a person leaving the field does. */
  readonly finish: (page: Page) => Promise<void>;
  /** What the field shows at rest on a page, once editing has ended. */
  readonly readAtRest: (page: Page) => Promise<string>;
  /** What the server says is stored, when a route reads it; checked beside the fresh page. */
  readonly readStored?: (scene: BrowserScene, id: string) => Promise<string>;
}

const textCell = (page: Page) =>
  page.getByLabel('Name of meeting attendee, row 1', { exact: true }).first();
const titleField = (page: Page) => page.getByLabel('Document title', { exact: true });
const firstSection = (page: Page) => page.locator('main section.section').first();
const notePara = (page: Page) => page.locator('.ProseMirror p').first();

/** A note paragraph's text, without the names on others' carets drawn inside it. */
const noteText = (page: Page) =>
  notePara(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent ?? '';
  });

const TEXT_LIKE_FIELDS: Record<string, TextLikeField> = {
  note: {
    template: 'barriers',
    caretToEnd: async (page) => {
      await notePara(page).click();
      // The end of the paragraph, not of the visual line that End goes to.
      await notePara(page).evaluate((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        range.collapse(false);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
      });
    },
    read: noteText,
    finish: async (page) => {
      await page.locator('.ProseMirror').first().blur();
    },
    readAtRest: noteText,
  },
  'text cell': {
    template: 'roles-working-session',
    caretToEnd: async (page) => {
      await textCell(page).click();
      await expect
        .poll(() =>
          textCell(page).evaluate(
            (element) =>
              element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement,
          ),
        )
        .toBe(true);
      await page.keyboard.press('Control+End');
    },
    read: (page) => shownValue(textCell(page)),
    finish: (page) => page.keyboard.press('Escape'),
    readAtRest: (page) => shownValue(textCell(page)),
  },
  title: {
    template: 'meeting-calendar',
    caretToEnd: async (page) => {
      await titleField(page).click();
      await page.keyboard.press('End');
    },
    read: (page) => titleField(page).inputValue(),
    finish: (page) => page.keyboard.press('Enter'),
    readAtRest: (page) => titleField(page).inputValue(),
    readStored: async ({ server, workspace }, id) => {
      const response = await api(server.url, `/api/workspaces/${workspace.id}/documents`, {
        token: workspace.tokens.editor,
      });
      const list = (await response.json()) as { id: string; title: string }[];
      return list.find((document) => document.id === id)?.title ?? '';
    },
  },
  'section name': {
    template: 'barriers',
    caretToEnd: async (page) => {
      await firstSection(page)
        .getByRole('button', { name: /^Rename section/ })
        .click();
      const field = firstSection(page).getByLabel('Section title', { exact: true });
      await expect
        .poll(() => field.evaluate((element) => element === document.activeElement))
        .toBe(true);
      await page.keyboard.press('End');
    },
    read: (page) => firstSection(page).getByLabel('Section title', { exact: true }).inputValue(),
    finish: (page) => page.keyboard.press('Enter'),
    readAtRest: async (page) => (await firstSection(page).locator('h2').textContent()) ?? '',
    // The Markdown export's first section heading.
    readStored: async ({ server, workspace }, id) => {
      const response = await api(server.url, `/api/documents/${id}/export?format=md`, {
        token: workspace.tokens.editor,
      });
      const markdown = await response.text();
      return /^## (.*)$/m.exec(markdown)?.[1] ?? '';
    },
  },
};

describe('two people typing into the same field at once, 0 ms between keys', () => {
  for (const [kind, field] of Object.entries(TEXT_LIKE_FIELDS)) {
    test(`${kind}: both words arrive whole, each caret stays after its own word, and both pages store the same text`, async () => {
      const { id, a, b } = await openTwoPeople(field.template);
      for (const { page } of [a, b]) await field.caretToEnd(page);
      const before = await field.read(a.page);
      expect(await field.read(b.page)).toBe(before);

      await Promise.all([
        a.page.keyboard.type(A_WORD, { delay: 0 }),
        b.page.keyboard.type(B_WORD, { delay: 0 }),
      ]);
      const bothWords = [before + A_WORD + B_WORD, before + B_WORD + A_WORD];
      for (const { page } of [a, b])
        await expect.poll(() => field.read(page), { timeout: 10_000 }).toBeOneOf(bothWords);
      expect(await field.read(a.page)).toBe(await field.read(b.page));

      // Each caret is still at the end of its own word: one more letter lands right after it.
      await a.page.keyboard.type('x', { delay: 0 });
      await b.page.keyboard.type('Y', { delay: 0 });
      const withLetters = [
        before + A_WORD + 'x' + B_WORD + 'Y',
        before + B_WORD + 'Y' + A_WORD + 'x',
      ];
      for (const { page } of [a, b])
        await expect.poll(() => field.read(page), { timeout: 10_000 }).toBeOneOf(withLetters);
      const value = await field.read(a.page);

      for (const { page } of [a, b]) await field.finish(page);
      for (const { page } of [a, b])
        await expect.poll(() => field.readAtRest(page), { timeout: 10_000 }).toBe(value);
      expect(await readFresh(id, field.readAtRest)).toBe(value);
      if (field.readStored !== undefined)
        await expect.poll(() => field.readStored!(scene, id), { timeout: 10_000 }).toBe(value);
      expect([...a.errors, ...b.errors]).toEqual([]);
      await a.context.close();
      await b.context.close();
    });
  }

  /** A field that stores one whole value (a date, a number): never a mix of two people's keys. */
  const WHOLE_VALUE_FIELDS = {
    date: {
      template: 'meeting-calendar',
      label: 'First date, row 1',
      inputType: 'date',
      keys: { a: '03152027', b: '11302028' },
      values: ['2027-03-15', '2028-11-30'],
      prepare: async () => {},
    },
    number: {
      template: 'data-review',
      label: 'Students referred, row 1',
      inputType: 'number',
      keys: { a: '12345', b: '67890' },
      values: ['12345', '67890'],
      // The metrics table starts empty: one person adds the row both then type in.
      prepare: async (page: Page, other: Page) => {
        const metrics = page.locator('section[aria-labelledby="section-metrics"]');
        await metrics.getByRole('button', { name: 'Add row', exact: true }).click();
        await other.getByLabel('Students referred, row 1', { exact: true }).waitFor();
      },
    },
  } as const;

  /** How the two people type their keys into the field both are in. */
  type Typing = (a: Page, b: Page, keys: { a: string; b: string }) => Promise<unknown>;
  const atOnce: Typing = (a, b, keys) =>
    Promise.all([a.keyboard.type(keys.a, { delay: 0 }), b.keyboard.type(keys.b, { delay: 0 })]);
  const SCENARIOS: [string, keyof typeof WHOLE_VALUE_FIELDS, Typing][] = [
    ['date typed by both at once', 'date', atOnce],
    ['number typed by both at once', 'number', atOnce],
    [
      "date: the other's is stored while one is between its day and its year",
      'date',
      async (a, b, keys) => {
        await b.keyboard.type(keys.b.slice(0, 4), { delay: 0 });
        await a.keyboard.type(keys.a, { delay: 0 });
        // Long enough for the first date to be stored and to reach the other page.
        await b.waitForTimeout(2_000);
        await b.keyboard.type(keys.b.slice(4), { delay: 0 });
      },
    ],
    [
      'number: one starts 60 ms after the other, 30 ms a key',
      'number',
      (a, b, keys) =>
        Promise.all([
          a.keyboard.type(keys.a, { delay: 30 }),
          b.waitForTimeout(60).then(() => b.keyboard.type(keys.b, { delay: 30 })),
        ]),
    ],
  ];

  for (const [scenario, kind, typeBoth] of SCENARIOS) {
    const field = WHOLE_VALUE_FIELDS[kind];
    test(`${scenario}: the stored value is one of the two typed whole, the same on every page, and valid`, async () => {
      const { id, a, b } = await openTwoPeople(field.template);
      await field.prepare(a.page, b.page);
      const cell = (page: Page) => page.getByLabel(field.label, { exact: true }).first();
      for (const { page } of [a, b]) {
        await cell(page).scrollIntoViewIfNeeded();
        await cell(page).click();
        await expect
          .poll(() =>
            cell(page).evaluate(
              (element, type) => element instanceof HTMLInputElement && element.type === type,
              field.inputType,
            ),
          )
          .toBe(true);
      }
      await typeBoth(a.page, b.page, field.keys);
      // Each person sees what they typed, whole, while still in the field.
      expect(await shownValue(cell(a.page))).toBe(field.values[0]);
      expect(await shownValue(cell(b.page))).toBe(field.values[1]);

      // Both pages settle on the same value, one of the two typed whole, with both people still in the field.
      await expect
        .poll(
          async () => {
            const [onA, onB] = [await shownValue(cell(a.page)), await shownValue(cell(b.page))];
            return onA === onB ? onA : `${onA} on one page, ${onB} on the other`;
          },
          { timeout: 10_000 },
        )
        .toBeOneOf([...field.values]);
      const value = await shownValue(cell(a.page));
      expect(await readFresh(id, (page) => shownValue(cell(page)))).toBe(value);
      for (const { page } of [a, b]) {
        expect(await cell(page).evaluate((element) => element === document.activeElement)).toBe(
          true,
        );
        expect(await cell(page).getAttribute('aria-invalid')).toBeNull();
        expect(await page.getByText('Not saved:').count()).toBe(0);
      }
      // Leaving the field shows the same value at rest.
      for (const { page } of [a, b]) await page.keyboard.press('Escape');
      for (const { page } of [a, b]) expect(await shownValue(cell(page))).toBe(value);
      expect([...a.errors, ...b.errors]).toEqual([]);
      await a.context.close();
      await b.context.close();
    });
  }
});
