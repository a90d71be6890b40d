import { execFileSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const OUT_DIR = join(ROOT, 'tests', 'bench', 'results', 'servers');

let serverCompiled = false;

/**
 * The server as `npm start` runs it: dist/server compiled by scripts/build-server.mjs, once per
 * benchmark run. The 'ours' child imports its `server.js`, so what is measured is that code.
 */
export function compileServerOnce(): void {
  if (serverCompiled) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')], { stdio: 'inherit' });
  serverCompiled = true;
}

/**
 * A benchmarked server's entry compiled to plain JavaScript, so every server runs without a
 * TypeScript loader and their memory compares like for like (tsx alone holds tens of MB).
 * Packages stay external: each server loads its dependencies from node_modules as in production.
 */
export async function compileServerEntry(entry: string): Promise<string> {
  const outfile = join(OUT_DIR, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
