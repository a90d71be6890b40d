import { describe, expect, test } from 'vitest';
import { noteFragment, readTable } from '../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../../core/templates/index.ts';
import { openPage } from '../support/browser.ts';
import { documentWithFarNote, typeIntoFarNote } from '../support/far-note.ts';
import { connectStockClient } from '../support/sync-clients.ts';
import { createDocumentIn } from '../support/test-server.ts';
import { useBrowserScene } from '../support/browser-scene.ts';

const scene = useBrowserScene();

describe('note editors start near the window', () => {
  test("a far note shows others' edits before its editor starts, and is editable once scrolled to", async () => {
    const { id, other, farId } = await documentWithFarNote(scene);
    const { page, context } = await openPage(
      scene.browser,
      new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href,
    );
    await page.locator('.ProseMirror[contenteditable="true"]').first().waitFor();
    const far = page.getByRole('region', { name: 'Far note' });
    await expect.poll(() => far.textContent(), { timeout: 10_000 }).toContain('Far text.');
    // Far below the window: the text is there (find in page, screen readers), the editor is not yet.
    expect(await far.locator('.note-static').count()).toBe(1);
    expect(await far.locator('.ProseMirror').count()).toBe(0);

    typeIntoFarNote(other.doc, farId, 'Remote words. ');
    await expect
      .poll(() => far.textContent(), { timeout: 10_000 })
      .toContain('Remote words. Far text.');

    await far.scrollIntoViewIfNeeded();
    const editor = far.locator('.ProseMirror[contenteditable="true"]');
    await editor.waitFor({ timeout: 10_000 });
    expect(await editor.textContent()).toContain('Remote words. Far text.');
    await editor.locator('p').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Local words.');
    await expect
      .poll(() => noteFragment(other.doc, farId)!.toString(), { timeout: 10_000 })
      .toContain('Remote words. Far text. Local words.');
    other.destroy();
    await context.close();
  });

  test('a static note reached by keyboard becomes its editor and takes the focus', async () => {
    const { id, other, farId } = await documentWithFarNote(scene);
    const { page, context } = await openPage(
      scene.browser,
      new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href,
    );
    const far = page.getByRole('region', { name: 'Far note' });
    await expect.poll(() => far.textContent(), { timeout: 10_000 }).toContain('Far text.');
    // Focus arriving at the static note (as Tab brings it, before the editor has started) moves into its editor.
    // Done inside the page in one go: focusing scrolls the note into view, which would also start the editor.
    const wasStatic = await page.evaluate(() => {
      const heading = [...document.querySelectorAll('h2')].find(
        (element) => element.textContent === 'Far note',
      );
      const placeholder = heading
        ?.closest('section')
        ?.querySelector<HTMLElement>('.note-static[tabindex="0"]');
      placeholder?.focus();
      return placeholder !== undefined && placeholder !== null;
    });
    expect(wasStatic).toBe(true);
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              (document.activeElement?.classList.contains('ProseMirror') ?? false) &&
              document.activeElement?.closest('section')?.querySelector('h2')?.textContent ===
                'Far note',
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    await page.keyboard.type('Typed first. ');
    await expect
      .poll(() => noteFragment(other.doc, farId)!.toString(), { timeout: 10_000 })
      .toContain('Typed first. Far text.');
    other.destroy();
    await context.close();
  });
});

describe('table cells rest as text', () => {
  test('keyboard entry into a cell gives its editor; Tab and Shift+Tab move between cells, each editable', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const other = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
    await other.synced;
    const { page, context } = await openPage(
      scene.browser,
      new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href,
    );
    const task = page.getByLabel('Task, row 1', { exact: true });
    await task.waitFor();
    // At rest, no cell of the table is a form control.
    expect(await task.evaluate((element) => element.tagName)).toBe('DIV');
    expect(
      await page.locator('td textarea, td input[type="text"], td input[type="date"]').count(),
    ).toBe(0);

    await task.focus();
    const focused = () =>
      page.evaluate(() => ({
        tag: document.activeElement?.tagName ?? '',
        label: document.activeElement?.getAttribute('aria-label') ?? '',
      }));
    await expect
      .poll(focused, { timeout: 5_000 })
      .toEqual({ tag: 'TEXTAREA', label: 'Task, row 1' });
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' (by keyboard)');
    const rowId = readTable(other.doc, NEXT_STEPS_SECTION_ID)!.value.rows[0]!.id;
    const taskText = () => {
      const cell = readTable(other.doc, NEXT_STEPS_SECTION_ID)!.value.rows.find(
        (row) => row.id === rowId,
      )!.cells[NEXT_STEPS_COLUMNS.task];
      return cell?.kind === 'text' ? cell.text : '';
    };
    await expect.poll(taskText, { timeout: 10_000 }).toMatch(/ \(by keyboard\)$/);

    await page.keyboard.press('Tab');
    await expect.poll(focused, { timeout: 5_000 }).toMatchObject({ label: 'Owner, row 1' });
    expect(['INPUT', 'TEXTAREA']).toContain((await focused()).tag);
    await page.keyboard.type('Kim');
    // The cell left behind rests as text again, showing what was typed.
    await expect
      .poll(() => task.evaluate((element) => element.tagName + ':' + element.textContent), {
        timeout: 5_000,
      })
      .toMatch(/^DIV:.* \(by keyboard\)$/);

    await page.keyboard.press('Shift+Tab');
    await expect
      .poll(focused, { timeout: 5_000 })
      .toEqual({ tag: 'TEXTAREA', label: 'Task, row 1' });
    expect(await page.locator('td textarea').count()).toBe(1);
    await expect
      .poll(
        () => {
          const cell = readTable(other.doc, NEXT_STEPS_SECTION_ID)!.value.rows.find(
            (row) => row.id === rowId,
          )!.cells[NEXT_STEPS_COLUMNS.owner];
          return cell?.kind === 'person' || cell?.kind === 'text' ? cell.text : '';
        },
        { timeout: 10_000 },
      )
      .toContain('Kim');
    other.destroy();
    await context.close();
  });

  test('a share link opens one connection, begun before the page is drawn, and every section follows the first screen', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Working session',
      template: 'roles-working-session',
    });
    const other = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
    await other.synced;
    const sectionCount = other.doc.getArray('sections').length;
    expect(sectionCount).toBeGreaterThan(3);

    const { page, context, errors } = await openPage(scene.browser, 'about:blank');
    await page.addInitScript(() => {
      const opened: number[] = [];
      (window as unknown as { syncSockets: number[] }).syncSockets = opened;
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          // When each socket was made, against when the page first drew a section.
          if (String(url).includes('/sync/'))
            opened.push(document.querySelector('section.section') === null ? 0 : 1);
        }
      };
    });
    await page.goto(
      new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href,
    );
    await page.getByText('All changes synced').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.locator('section.section').count(), { timeout: 10_000 })
      .toBe(sectionCount);
    expect(
      await page.evaluate(() => (window as unknown as { syncSockets: number[] }).syncSockets),
    ).toEqual([0]);
    expect(new URL(page.url()).search).toBe('');
    expect(errors).toEqual([]);
    other.destroy();
    await context.close();
  });
});
