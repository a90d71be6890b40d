import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, test } from 'vitest';
import { readDocument } from '../../core/schema/index.ts';
import { FREQUENCY_SCALE } from '../../core/tables/index.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { connectStockClient } from '../support/sync-clients.ts';
import { createDocumentIn } from '../support/test-server.ts';

const scene = useBrowserScene();

interface PrintedText {
  readonly str: string;
  /** Font size in points, from the text matrix. */
  readonly size: number;
}

interface PrintedPage {
  readonly width: number;
  readonly height: number;
  readonly items: readonly PrintedText[];
}

/** Every page of a PDF as pdf.js reads it: its size in points and its text runs with their sizes. */
async function readPdf(bytes: Uint8Array): Promise<PrintedPage[]> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: true,
    isEvalSupported: false,
  }).promise;
  const pages: PrintedPage[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    // A line's runs joined as they are (a ligature such as "ff" is a run of its own), a space at each line end.
    const items = content.items.flatMap((item) =>
      'str' in item && item.str !== ''
        ? [
            {
              str: item.str + (item.hasEOL ? ' ' : ''),
              size: Math.hypot(item.transform[0] as number, item.transform[1] as number),
            },
          ]
        : [],
    );
    pages.push({ width, height, items });
  }
  await pdf.destroy();
  return pages;
}

/** The words of a table's titles and cells that a broken line would split: letters only, five or more. */
function tableWords(texts: readonly string[]): string[] {
  const words = new Set<string>();
  for (const text of texts)
    for (const word of text.split(/[^A-Za-z]+/)) if (word.length >= 5) words.add(word);
  return [...words];
}

async function printTemplate(template: string, title: string) {
  const id = await createDocumentIn(scene.server.url, scene.workspace, { title, template });
  const { page, context } = await openPage(
    scene.browser,
    new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href,
  );
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('link', { name: 'Print handout' }).click();
  await page.locator('main.handout[data-ready="true"]').waitFor();
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/print-${template}.png`, fullPage: true });
  const pages = await readPdf(await page.pdf({ preferCSSPageSize: true }));
  const client = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
  await client.synced;
  const view = readDocument(client.doc).value;
  client.destroy();
  await context.close();
  return { pages, view };
}

describe('a printed handout is legible', () => {
  test('the meeting calendar: landscape for its wide table, no text under 9 pt, no word broken', async () => {
    const { pages, view } = await printTemplate('meeting-calendar', 'Meeting calendar');
    const tiny = pages
      .flatMap((page) => page.items.filter((item) => item.str.trim() !== '' && item.size < 8.95))
      .map((item) => `${item.str} (${item.size.toFixed(1)} pt)`);
    expect(tiny).toEqual([]);
    expect(pages.some((page) => page.width > page.height)).toBe(true);
    expect(pages[0]!.width).toBeLessThan(pages[0]!.height);

    const text = pages
      .map((page) => page.items.map((item) => item.str).join(''))
      .join(' ')
      .replace(/\s+/g, ' ');
    const table = view.sections.find((section) => section.id === 'meetings');
    if (table?.kind !== 'table') throw new Error('no meetings table');
    const texts = [
      ...table.table.columns.map((column) => column.title),
      ...table.table.rows.flatMap((row) =>
        Object.values(row.cells).map((cell) => ('text' in cell ? cell.text : '')),
      ),
    ];
    const broken = tableWords(texts).filter((word) => !text.includes(word));
    expect(
      broken,
      broken
        .map((word) => text.match(new RegExp(`.{0,40}${word.slice(-5)}.{0,10}`))?.[0] ?? word)
        .join(' / '),
    ).toEqual([]);
    // No page left mostly empty before the last: each carries a fair amount of text.
    for (const page of pages.slice(0, -1))
      expect(page.items.map((item) => item.str).join('').length).toBeGreaterThan(400);
  });

  test('the rubric: six boxes for each practice under the scale Never … Always, nothing under 9 pt', async () => {
    const { pages, view } = await printTemplate('assessment', 'Practice rubric');
    const tiny = pages
      .flatMap((page) => page.items.filter((item) => item.str.trim() !== '' && item.size < 8.95))
      .map((item) => `${item.str} (${item.size.toFixed(1)} pt)`);
    expect(tiny).toEqual([]);
    const text = pages.map((page) => page.items.map((item) => item.str).join('')).join(' ');
    for (const level of FREQUENCY_SCALE) expect(text).toContain(level);
    const rubric = view.sections.find((section) => section.id === 'rubric');
    if (rubric?.kind !== 'table') throw new Error('no rubric');
    const boxes = [...text].filter((character) => character === '☐').length;
    expect(boxes).toBe(rubric.table.rows.length * FREQUENCY_SCALE.length);
  });
});
