import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { CLIENT_DIR } from '../../../sync-server/routes/client.ts';

/**
 * The production bundle budget, gzip bytes (what travels over school Wi-Fi). The document page
 * carries the editor (React, Tiptap/ProseMirror, Yjs); the home and workspace pages must not.
 * Raise a budget only with a reason in the commit.
 */
const BUDGET = {
  /**
   * Everything a first visit to the home page downloads: what index.html names (the entry chunk,
   * which is small, and the CSS), the app's chunk the entry imports (React, the router, the home
   * and workspace pages) with the chunks it imports, and the service worker's window library.
   */
  entry: 90 * 1024,
  /**
   * All JavaScript and CSS of the app together: 400 KiB at the last count. It was 300 KiB before
   * the data-review charts (Observable Plot and the d3 modules it uses, about 90 KiB, loaded only
   * on documents with a metrics table or a rubric) and the projector, history, print, follow-ups
   * and survey pages (about 35 KiB, each its own lazy chunk) arrived; 443 KiB once the sign-in,
   * members and audit pages (about 5 KiB, lazy) and the meeting calendar's dates, school panels
   * and open next steps (in the document page) arrived; 457.5 KiB once a follow-up's owner could
   * be picked from the members (the combobox, the calls for people and respondents' names, about
   * 2 KiB, in the document and follow-ups pages); 459.0 KiB with the typing work of issue 21 as well
   * (charts as images, the keyboard-rest wait, row reads, the presence filters, about 1 KiB);
   * 460.4 KiB once a section's name became shared text typed into together, and date and number
   * fields kept what the person typed from the moment they came in and showed what is stored
   * after a pause (about 0.4 KiB, in the document page); 461.1 KiB with the third typing pass
   * (each note editor's carets hearing only of their note, a note written to Yjs only when it
   * changed: 0.6 KiB).
   */
  total: 462 * 1024,
};

/** A chunk and the chunks it imports statically (`from"./name.js"` in the built code), by file name. */
function withStaticImports(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  if (!name.endsWith('.js')) return seen;
  const code = readFileSync(join(CLIENT_DIR, 'assets', name), 'utf8');
  for (const [, imported] of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g))
    withStaticImports(imported!, seen);
  return seen;
}

function assets(): { name: string; gzip: number }[] {
  const dir = join(CLIENT_DIR, 'assets');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js') || name.endsWith('.css'))
    .map((name) => ({ name, gzip: gzipSync(readFileSync(join(dir, name))).byteLength }));
}

describe('the production bundle', () => {
  test(`fits the budget: entry ≤ ${BUDGET.entry / 1024} KiB and everything ≤ ${BUDGET.total / 1024} KiB gzip`, () => {
    const files = assets();
    const index = readFileSync(join(CLIENT_DIR, 'index.html'), 'utf8');
    const app = files.find((file) => file.name.startsWith('render-app-'));
    expect(app, 'the app chunk (client/render-app.tsx)').toBeDefined();
    const homePage = withStaticImports(app!.name);
    for (const file of files) if (index.includes(file.name)) withStaticImports(file.name, homePage);
    const entry = files.filter(
      (file) => homePage.has(file.name) || file.name.startsWith('workbox-window'),
    );
    const entryBytes = entry.reduce((sum, file) => sum + file.gzip, 0);
    const totalBytes = files.reduce((sum, file) => sum + file.gzip, 0);
    console.log(
      `bundle (gzip): entry ${(entryBytes / 1024).toFixed(1)} KiB, total ${(totalBytes / 1024).toFixed(1)} KiB`,
      files,
    );
    expect(entryBytes).toBeLessThanOrEqual(BUDGET.entry);
    expect(totalBytes).toBeLessThanOrEqual(BUDGET.total);
  });

  test('a document page needs at most 7 files of code, and the home page none of them that hold Tiptap or Yjs', () => {
    // client/build/route-chunks.ts groups what the pages share; left to itself, Rolldown made 16 script files of it.
    const files = assets().map((file) => file.name);
    const named = (prefix: string) => {
      const name = files.find((file) => file.startsWith(prefix));
      expect(name, `the chunk ${prefix}*`).toBeDefined();
      return name!;
    };
    const index = readFileSync(join(CLIENT_DIR, 'index.html'), 'utf8');
    const everyPage = withStaticImports(named('render-app-'));
    for (const file of files) if (index.includes(file)) withStaticImports(file, everyPage);
    // On a document's address the entry also loads the page and its session (client/early-start.ts): its import()s.
    const documentPage = new Set(everyPage);
    const entryCode = readFileSync(join(CLIENT_DIR, 'assets', named('index-')), 'utf8');
    const loadedByEntry = [...entryCode.matchAll(/import\([`"']\.\/([^`"']+\.js)[`"']\)/g)].map(
      (match) => match[1]!,
    );
    expect(loadedByEntry).toContain(named('document-page-'));
    for (const file of loadedByEntry) withStaticImports(file, documentPage);
    expect([...documentPage].length, [...documentPage].join(', ')).toBeLessThanOrEqual(7);
    expect([...everyPage].filter((file) => file.startsWith('document-'))).toEqual([]);
  });

  test('wraps CommonJS modules (React) in function expressions, which V8 compiles off the main thread', () => {
    // A minified Rolldown wrapper is `name=helper((params=>{…}))`; client/build/eager-commonjs-wrappers.ts rewrites it to `name=helper((function(params){…}))`.
    const lazy = /=[\w$]+\(\((?:[\w$]+|\([\w$,]*\))=>\{/;
    const eager = /=[\w$]+\(\(function\([\w$,]*\)\{/g;
    const chunks = assets().filter((file) => file.name.endsWith('.js'));
    for (const file of chunks)
      expect(readFileSync(join(CLIENT_DIR, 'assets', file.name), 'utf8'), file.name).not.toMatch(
        lazy,
      );
    const app = readFileSync(
      join(CLIENT_DIR, 'assets', chunks.find((file) => file.name.startsWith('render-app-'))!.name),
      'utf8',
    );
    // React DOM and the scheduler, at least.
    expect(app.match(eager)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  test('is ASCII, so Chromium keeps every script as one-byte text (vite.config.ts, charset)', () => {
    for (const file of assets().filter((asset) => asset.name.endsWith('.js'))) {
      const code = readFileSync(join(CLIENT_DIR, 'assets', file.name), 'utf8');
      // eslint-disable-next-line no-control-regex -- the range of ASCII starts at the control character NUL.
      expect(code.match(/[^\x00-\x7f]/)?.[0], file.name).toBeUndefined();
    }
  });

  test("ships React's production build, not the development one", () => {
    const code = assets()
      .map((file) => readFileSync(join(CLIENT_DIR, 'assets', file.name), 'utf8'))
      .join('\n');
    expect(code).not.toContain('Download the React DevTools');
  });
});
