import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SOURCE_FOLDERS = ['client', 'core', 'sync-server', 'scripts'];
const SOURCE_FILE = /\.(ts|tsx|mjs|js|css)$/;
const MAX_LINES = 300;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && SOURCE_FILE.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

function lineCount(path: string): number {
  const text = readFileSync(join(ROOT, path), 'utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('source files', () => {
  const lengths = new Map(
    SOURCE_FOLDERS.flatMap(sourceFiles).map((path) => [path, lineCount(path)]),
  );

  test(`are at most ${MAX_LINES} lines each: a longer file usually holds a second idea`, () => {
    const over = [...lengths].filter(([, lines]) => lines > MAX_LINES);
    expect(over.map(([path, lines]) => `${path}: ${lines} lines`)).toEqual([]);
  });

  test('the walk finds the source tree', () => {
    expect(lengths.size).toBeGreaterThan(200);
    expect(lengths.has('core/schema/index.ts')).toBe(true);
  });
});
