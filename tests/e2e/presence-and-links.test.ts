import * as decoding from 'lib0/decoding';
import { describe, expect, test } from 'vitest';
import { openPage, waitForLivePage } from '../support/browser.ts';
import { connectStockClient } from '../support/sync-clients.ts';
import { api, createDocumentIn } from '../support/test-server.ts';
import { useBrowserScene } from '../support/browser-scene.ts';

const scene = useBrowserScene();

describe('presence', () => {
  test('people see each other by name, and a cell someone is typing in shows who', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const url = new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href;
    const a = await openPage(scene.browser, url);
    const b = await openPage(scene.browser, url);
    await a.page.locator('.ProseMirror').first().waitFor();

    // Setting a name is offered, never required: A edits first, then names itself.
    await a.page.getByRole('button', { name: 'Set your name' }).click();
    await a.page.getByLabel('Your name').fill('Dana Ruiz');
    await a.page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => b.page.locator('.people').textContent(), { timeout: 10_000 })
      .toContain('Dana Ruiz');

    await a.page.getByLabel('Owner, row 1', { exact: true }).click();
    await expect
      .poll(() => b.page.locator('.cell-presence').textContent(), { timeout: 10_000 })
      .toBe('Dana Ruiz is editing');
    await a.context.close();
    await expect
      .poll(() => b.page.locator('.people').textContent(), { timeout: 10_000 })
      .not.toContain('Dana Ruiz');
    await b.context.close();
  });

  test("a page sends the relay its own presence only, never the others' it hears", async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, { template: 'barriers' });
    const url = new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href;
    const context = await scene.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const sentPresence: number[][] = [];
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (typeof payload === 'string') return;
        const decoder = decoding.createDecoder(new Uint8Array(payload));
        if (decoding.readVarUint(decoder) !== 1) return; // awareness
        const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
        const clients: number[] = [];
        for (let count = decoding.readVarUint(update); count > 0; count--) {
          clients.push(decoding.readVarUint(update));
          decoding.readVarUint(update);
          decoding.readVarString(update);
        }
        sentPresence.push(clients);
      }),
    );
    await page.goto(url);
    await waitForLivePage(page);
    await page.locator('.ProseMirror').first().waitFor();
    const remote = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
    await remote.synced;
    for (let move = 0; move < 5; move++) {
      remote.provider.awareness.setLocalStateField('user', {
        name: `Remote ${move}`,
        color: '#0b5cad',
      });
      await page.waitForTimeout(100);
    }
    await expect
      .poll(() => page.locator('.people').textContent(), { timeout: 10_000 })
      .toContain('Remote 4');
    expect(sentPresence.length).toBeGreaterThan(0);
    expect(sentPresence.flat()).not.toContain(remote.doc.clientID);
    remote.destroy();
    await context.close();
  });
});

describe('a link that stops working', () => {
  test('says so in words and turns the page read-only instead of failing silently', async () => {
    const id = await createDocumentIn(scene.server.url, scene.workspace, {
      title: 'Barriers',
      template: 'barriers',
    });
    const { page, context } = await openPage(
      scene.browser,
      new URL(`/d/${id}?token=${scene.workspace.tokens.editor}`, scene.server.url).href,
    );
    await expect
      .poll(() => page.locator('.status').textContent(), { timeout: 10_000 })
      .toContain('All changes synced');
    const rotated = await api(
      scene.server.url,
      `/api/workspaces/${scene.workspace.id}/tokens/editor`,
      { method: 'POST', token: scene.workspace.tokens.owner },
    );
    expect(rotated.status).toBe(200);
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('This link no longer opens the document');
    expect(await page.locator('.ProseMirror[contenteditable="true"]').count()).toBe(0);
    await context.close();
  });
});
