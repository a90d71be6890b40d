import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { shownValue } from '../support/cells.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { createDocumentIn } from '../support/test-server.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { openTwice } from '../support/two-pages.ts';

/** What a table cell shows: its editor's value while someone works in it, otherwise its text (cells rest as text). */

const scene = useBrowserScene();

async function typeAtEndOfFirstParagraph(page: Page, text: string): Promise<void> {
  const paragraph = page.locator('.ProseMirror p').first();
  await paragraph.click();
  // The end of the paragraph, not of the visual line End goes to: where the paragraph wraps
  // depends on the window and on what the other person has typed so far.
  await paragraph.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    range.collapse(false);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  });
  await page.keyboard.type(text);
}

/** The first note's blocks as the page shows them: tag, text and bold words, without others' carets. */
function noteBlocks(page: Page): Promise<string[]> {
  return page
    .locator('.ProseMirror')
    .first()
    .evaluate((editor) => {
      const copy = editor.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return [...copy.children].map((block) => {
        const bold = [...block.querySelectorAll('strong')].map((word) => word.textContent);
        return `${block.tagName}|${block.textContent}|${bold.join(',')}`;
      });
    });
}

describe('two people editing one document', () => {
  test('a share link lands in an editable page and leaves the address bar without the token', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const { page, context, errors } = await openPage(
      scene.browser,
      scene.documentUrl(id, scene.workspace.tokens.editor),
    );
    await page.locator('.ProseMirror[contenteditable="true"]').first().waitFor();
    expect(page.url()).toBe(new URL(`/d/${id}`, scene.server.url).href);
    await expect.poll(() => page.locator('.status').textContent()).toContain('All changes synced');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/document-page.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  test("both see each other's words in a note and in the same table cell", async () => {
    const { a, b } = await openTwice(scene, 'barriers');

    await typeAtEndOfFirstParagraph(a.page, ' [from A]');
    // B places its caret once A's words have arrived: a caret put down mid-arrival sits inside
    // them, as it would for a person (typing at the very same moment is typing-together.test.ts).
    await expect
      .poll(() => b.page.locator('.ProseMirror').first().textContent(), { timeout: 10_000 })
      .toContain('[from A]');
    await typeAtEndOfFirstParagraph(b.page, ' [from B]');
    for (const { page } of [a, b]) {
      await expect
        .poll(() => page.locator('.ProseMirror').first().textContent(), { timeout: 10_000 })
        .toMatch(/\[from A\].*\[from B\]|\[from B\].*\[from A\]/);
    }

    // The example next step's task cell, typed into by both at once: one at the start, one at the end.
    const cell = (page: Page) => page.getByLabel('Task, row 1', { exact: true });
    await cell(a.page).click();
    await a.page.keyboard.press('Control+Home');
    await a.page.keyboard.type('A: ');
    await cell(b.page).click();
    await b.page.keyboard.press('Control+End');
    await b.page.keyboard.type(' (B)');
    for (const { page } of [a, b]) {
      await expect
        .poll(() => shownValue(cell(page)), { timeout: 10_000 })
        .toMatch(/^A: Clearly assign.* \(B\)$/);
    }
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  test('paragraphs, and bold words, another splits and joins in the note one types in arrive as they made them', async () => {
    const { a, b } = await openTwice(scene, 'barriers');
    await typeAtEndOfFirstParagraph(a.page, ' [A1]');
    await expect
      .poll(() => b.page.locator('.ProseMirror').first().textContent(), { timeout: 10_000 })
      .toContain('[A1]');

    // B splits the first paragraph's end into new ones and joins the last two back.
    await typeAtEndOfFirstParagraph(b.page, '');
    // "bold" in bold: typing in formatted text is relayed and stored like any other.
    for (const key of [
      'Enter',
      'second',
      'Enter',
      'Control+b',
      'bold',
      'Control+b',
      'Enter',
      'third',
    ]) {
      if (key === 'Enter' || key === 'Control+b') await b.page.keyboard.press(key);
      else await b.page.keyboard.type(key);
    }
    await a.page.keyboard.type(' [A2]');
    for (const key of ['Home', 'Backspace']) await b.page.keyboard.press(key);
    await a.page.keyboard.type(' [A3]');

    // Both pages show the same blocks once B's last change has arrived.
    const compared = async (): Promise<string> => {
      const [seenByA, seenByB] = await Promise.all([noteBlocks(a.page), noteBlocks(b.page)]);
      const same = JSON.stringify(seenByA) === JSON.stringify(seenByB);
      return same && seenByB.some((block) => block.includes('[A3]'))
        ? 'same'
        : JSON.stringify([seenByA, seenByB]);
    };
    await expect.poll(compared, { timeout: 10_000 }).toBe('same');
    const blocks = await noteBlocks(a.page);
    expect(blocks[1]).toMatch(/\[A1\] \[A2\] \[A3\]\|/);
    expect(blocks[2]).toBe('P|second|');
    expect(blocks[3]).toBe('P|boldthird|bold');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
