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
  /** Everything a first visit to the home page downloads: the entry chunk and CSS. */
  entry: 90 * 1024,
  /**
   * All JavaScript and CSS of the app together: 400 KiB at the last count. It was 300 KiB before
   * the data-review charts (Observable Plot and the d3 modules it uses, about 90 KiB, loaded only
   * on documents with a metrics table or a rubric) and the projector, history, print, follow-ups
   * and survey pages (about 35 KiB, each its own lazy chunk) arrived.
   */
  total: 440 * 1024,
};

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
    const entry = files.filter((file) => index.includes(file.name) || file.name.startsWith('workbox-window'));
    const entryBytes = entry.reduce((sum, file) => sum + file.gzip, 0);
    const totalBytes = files.reduce((sum, file) => sum + file.gzip, 0);
    console.log(`bundle (gzip): entry ${(entryBytes / 1024).toFixed(1)} KiB, total ${(totalBytes / 1024).toFixed(1)} KiB`, files);
    expect(entryBytes).toBeLessThanOrEqual(BUDGET.entry);
    expect(totalBytes).toBeLessThanOrEqual(BUDGET.total);
  });

  test('ships React\'s production build, not the development one', () => {
    const code = assets().map((file) => readFileSync(join(CLIENT_DIR, 'assets', file.name), 'utf8')).join('\n');
    expect(code).not.toContain('Download the React DevTools');
  });
});
