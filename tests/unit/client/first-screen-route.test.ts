import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { clientRoutes } from '../../../sync-server/routes/client.ts';
import type { FirstScreenRenderer } from '../../../sync-server/routes/first-screen.ts';

const build = mkdtempSync(join(tmpdir(), 'pathways-first-screen-'));
writeFileSync(
  join(build, 'index.html'),
  '<!doctype html><title>Pathways</title><body><div id="root"><p>Opening…</p></div></body>',
);
afterAll(() => rmSync(build, { recursive: true, force: true }));

const FIRST_SCREEN = '<div id="first-screen"><h1>Roles</h1></div>';
const after = (ms: number, value: string | null): Promise<string | null> =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms));

async function pageFrom(
  renderer: FirstScreenRenderer,
  path = '/d/doc-1?token=t',
  budgetMs = 100,
  clientDir = build,
): Promise<{ html: string; cacheControl: string | null }> {
  const response = await clientRoutes(clientDir, renderer, budgetMs).request(path, {
    headers: { 'accept-encoding': 'br' },
  });
  expect(response.status).toBe(200);
  const body = Buffer.from(await response.arrayBuffer());
  const html =
    response.headers.get('content-encoding') === 'br'
      ? brotliDecompressSync(body).toString()
      : body.toString();
  return { html, cacheControl: response.headers.get('cache-control') };
}

describe("a share link's page", () => {
  test('holds the first screen before the app root, and no cache may keep it', async () => {
    const asked: [string, string | null][] = [];
    const { html, cacheControl } = await pageFrom(async (documentId, token) => {
      asked.push([documentId, token]);
      return FIRST_SCREEN;
    });
    expect(asked).toEqual([['doc-1', 't']]);
    expect(html.indexOf(FIRST_SCREEN)).toBeGreaterThan(0);
    expect(html.indexOf(FIRST_SCREEN)).toBeLessThan(html.indexOf('<div id="root">'));
    expect(cacheControl).toBe('no-store');
  });

  test('is the plain app when the renderer refuses, fails, or takes longer than the budget', async () => {
    for (const renderer of [
      async () => null,
      async () => Promise.reject(new Error('storage lost')),
      () => after(400, FIRST_SCREEN),
    ] as FirstScreenRenderer[]) {
      const { html, cacheControl } = await pageFrom(renderer);
      expect(html).not.toContain('first-screen');
      expect(html).toContain('<div id="root">');
      expect(cacheControl).toBe('no-cache');
    }
  });

  test("a document's other pages (projector, print) never get one", async () => {
    const { html } = await pageFrom(async () => FIRST_SCREEN, '/d/doc-1/present?token=t');
    expect(html).not.toContain('first-screen');
  });

  test('carries its own stylesheet, so the first screen is painted without another request', async () => {
    const styled = mkdtempSync(join(tmpdir(), 'pathways-first-screen-css-'));
    try {
      mkdirSync(join(styled, 'assets'));
      writeFileSync(
        join(styled, 'index.html'),
        '<!doctype html><head><link rel="stylesheet" crossorigin href="/assets/style-abc.css">' +
          '<link rel="stylesheet" href="/assets/relative-def.css"></head>' +
          '<body><div id="root"></div></body>',
      );
      writeFileSync(join(styled, 'assets', 'style-abc.css'), '.first-screen{color:#123456}');
      // A relative url() would name another address from the page than from /assets/.
      writeFileSync(join(styled, 'assets', 'relative-def.css'), '.logo{background:url(logo.png)}');
      const { html } = await pageFrom(async () => FIRST_SCREEN, undefined, 100, styled);
      expect(html).toContain('<style>.first-screen{color:#123456}</style>');
      expect(html).not.toContain('/assets/style-abc.css');
      expect(html).toContain('<link rel="stylesheet" href="/assets/relative-def.css">');
      // Without a first screen the page is the build's index.html, its stylesheet cached apart.
      const plain = await pageFrom(async () => null, undefined, 100, styled);
      expect(plain.html).toContain('href="/assets/style-abc.css"');
      expect(plain.html).not.toContain('<style>');
    } finally {
      rmSync(styled, { recursive: true, force: true });
    }
  });
});
