import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addNoteSection, noteFragment } from '../../core/schema/index.ts';
import { seriousViolations } from '../support/axe.ts';
import { openPage, SCREENSHOT_DIR } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { connectStockClient, waitFor } from '../support/sync-clients.ts';
import { createDocumentIn } from '../support/test-server.ts';

/**
 * Issue 14, item 2: an editor stores script in a note's structure. Nobody who opens the document
 * (the owner, a viewer), its projector view or its print page runs it, and the note's text is
 * still shown.
 */
const scene = useBrowserScene();

/** What a hostile editor writes with a stock client: the shapes from the issue. */
async function hostileDocument(): Promise<{ id: string; brokenId: string; linkId: string }> {
  const id = await createDocumentIn(scene.server.url, scene.workspace, { title: 'Hostile notes' });
  const editor = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
  await editor.synced;
  let brokenId = '';
  let linkId = '';
  editor.doc.transact(() => {
    // A note of the schema whose link runs script and whose paragraph has a handler: the editor opens it.
    linkId = addNoteSection(editor.doc, {
      title: 'Link note',
      blocks: [
        {
          type: 'paragraph',
          content: [{ text: 'A link that runs script', link: 'javascript:window.__pwned = 3' }],
        },
      ],
    });
    const paragraph = noteFragment(editor.doc, linkId)!.get(0) as Y.XmlElement;
    paragraph.setAttribute('onclick', 'window.__pwned = 4');
    paragraph.setAttribute('style', 'position: fixed; inset: 0');
    // Below it, so that it starts as a static note (where the issue found it): a bare text node
    // followed by <img src=x onerror=…>. y-tiptap cannot convert it, and the static note used to
    // fall back to Yjs's toDOM(), which created the image and ran its handler.
    brokenId = addNoteSection(editor.doc, { title: 'Broken note' });
    const image = new Y.XmlElement('img');
    image.setAttribute('src', 'x');
    image.setAttribute('onerror', 'window.__pwned = 1');
    const text = new Y.XmlText();
    text.insert(0, 'Words before the image', { link: { href: 'javascript:window.__pwned = 2' } });
    noteFragment(editor.doc, brokenId)!.insert(0, [text, image]);
  });
  // The relay relays only what it has stored: once another client has it all, so does the server.
  const witness = connectStockClient(scene.server.url, id, scene.workspace.tokens.viewer);
  await waitFor(
    'the hostile notes to be stored',
    () =>
      witness.doc.getArray('sections').length === 2 &&
      noteFragment(witness.doc, linkId)?.length === 1 &&
      noteFragment(witness.doc, brokenId)?.length === 2,
  );
  witness.destroy();
  editor.destroy();
  return { id, brokenId, linkId };
}

function address(path: string, token: string): string {
  return new URL(`${path}?token=${token}`, scene.server.url).href;
}

/** Nothing ran, no element or handler from the note is in the page, and no link leads to script. */
async function expectNothingRan(page: Page, where: string): Promise<void> {
  // Give an image's error event, and anything else that would fire, time to fire.
  await page.waitForTimeout(500);
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    images: document.querySelectorAll('img').length,
    handlers: [...document.querySelectorAll('*')].flatMap((element) =>
      element.getAttributeNames().filter((name) => name.startsWith('on')),
    ),
    scriptLinks: [...document.querySelectorAll('a[href]')]
      .map((link) => link.getAttribute('href') ?? '')
      .filter((href) => /^\s*(javascript|data|vbscript):/i.test(href)),
    styledParagraphs: document.querySelectorAll('main p[style]').length,
  }));
  expect(found, where).toEqual({
    pwned: null,
    images: 0,
    handlers: [],
    scriptLinks: [],
    styledParagraphs: 0,
  });
}

describe('a note with script in its structure', () => {
  test('runs nothing on the document page, for the owner and a viewer, and still shows its text', async () => {
    const { id } = await hostileDocument();
    for (const [who, token] of [
      ['owner', scene.workspace.tokens.owner],
      ['viewer', scene.workspace.tokens.viewer],
    ] as const) {
      const { page, context, errors } = await openPage(scene.browser, address(`/d/${id}`, token));
      const broken = page.getByRole('region', { name: 'Broken note' });
      await expect
        .poll(() => broken.textContent(), { timeout: 10_000 })
        .toContain('Words before the image');
      await expectNothingRan(page, `document page, ${who}`);
      // Shown as plain text, said so, and never handed to the editor.
      expect(await broken.locator('.note-outside-schema').count()).toBe(1);
      expect(await broken.locator('.ProseMirror').count()).toBe(0);
      // The note of the schema opens in its editor, without the handler, the style or the script link.
      const linked = page.getByRole('region', { name: 'Link note' });
      await linked.scrollIntoViewIfNeeded();
      await linked.locator('.ProseMirror').waitFor({ timeout: 10_000 });
      expect(await linked.locator('.ProseMirror').textContent()).toContain(
        'A link that runs script',
      );
      await expectNothingRan(page, `document page, ${who}`);
      if (who === 'viewer') {
        await page.screenshot({ path: `${SCREENSHOT_DIR}/hostile-note.png`, fullPage: true });
        // The note shown as text, and its notice, keep the page accessible.
        const violations = await seriousViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      }
      expect(errors, `document page, ${who}`).toEqual([]);
      await context.close();
    }
  });

  test('arriving while the note is open in its editor, runs nothing, writes nothing, and turns the note into text', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Turns hostile',
    });
    const editor = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
    await editor.synced;
    const noteId = addNoteSection(editor.doc, {
      title: 'Open note',
      blocks: [{ type: 'paragraph', content: [{ text: 'Fine so far' }] }],
    });
    const { page, context, errors } = await openPage(
      scene.browser,
      address(`/d/${id}`, scene.workspace.tokens.owner),
    );
    const note = page.getByRole('region', { name: 'Open note' });
    await note.locator('.ProseMirror[contenteditable="true"]').waitFor({ timeout: 10_000 });
    expect(await note.locator('.ProseMirror').textContent()).toContain('Fine so far');

    const fragment = noteFragment(editor.doc, noteId)!;
    editor.doc.transact(() => {
      const image = new Y.XmlElement('img');
      image.setAttribute('src', 'x');
      image.setAttribute('onerror', 'window.__pwned = 5');
      fragment.insert(fragment.length, [new Y.XmlText('Then this arrived'), image]);
    });
    await expect
      .poll(() => note.locator('.note-outside-schema').count(), { timeout: 10_000 })
      .toBe(1);
    await expect.poll(() => note.textContent(), { timeout: 10_000 }).toContain('Then this arrived');
    expect(await note.locator('.ProseMirror').count()).toBe(0);
    await expectNothingRan(page, 'open editor');
    // The owner's page did not "repair" the note by deleting what its editor could not show.
    await page.waitForTimeout(500);
    expect(fragment.length).toBe(3);
    expect(errors).toEqual([]);
    editor.destroy();
    await context.close();
  });

  test('runs nothing on the projector view', async () => {
    const { id, brokenId, linkId } = await hostileDocument();
    for (const sectionId of [brokenId, linkId]) {
      const { page, context, errors } = await openPage(
        scene.browser,
        `${address(`/d/${id}/present`, scene.workspace.tokens.viewer)}#${sectionId}`,
        { viewport: { width: 1280, height: 720 } },
      );
      await expect
        .poll(() => page.locator('.present-stage').textContent(), { timeout: 10_000 })
        .toMatch(sectionId === brokenId ? /Words before the image/ : /A link that runs script/);
      await expectNothingRan(page, 'projector');
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('runs nothing on the print page, which takes its token from the address like the document page', async () => {
    const { id } = await hostileDocument();
    // A device that has never seen the document or the workspace: the link alone opens the handout.
    const { page, context, errors } = await openPage(
      scene.browser,
      address(`/d/${id}/print`, scene.workspace.tokens.viewer),
    );
    await page.locator('main.handout[data-ready="true"]').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => page.locator('main.handout').textContent(), { timeout: 10_000 })
      .toContain('Words before the image');
    expect(await page.locator('main.handout').textContent()).toContain('A link that runs script');
    // The token left the address bar and stayed on the device: a reload without it still opens the handout.
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).pathname).toBe(`/d/${id}/print`);
    await expectNothingRan(page, 'print page');
    await page.reload();
    await page.locator('main.handout[data-ready="true"]').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => page.locator('main.handout').textContent(), { timeout: 10_000 })
      .toContain('Words before the image');
    expect(errors).toEqual([]);
    await context.close();
  });
});
