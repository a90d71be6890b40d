// Compiles the server (sync-server/ and the core/ it uses) to dist/server/ with esbuild, so the
// serving process runs plain JavaScript: no TypeScript loader in memory or on the start-up path.
// Dependencies stay in node_modules (better-sqlite3 is native); only our own code is bundled.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_OUT_DIR = join(ROOT, 'dist', 'server');

/**
 * `main.js` is what `npm start` runs; `server.js` exports `startServer` for the benchmark, which
 * measures the same compiled code. Routes that only some requests need are split into chunks
 * loaded on first use. `compaction-worker.js` is the compaction worker thread's entry (R28),
 * which the relay starts from beside main.js.
 */
export async function buildServer() {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: {
      main: 'sync-server/main.ts',
      server: 'sync-server/server.ts',
      'compaction-worker': 'sync-server/relay/compaction-worker.ts',
    },
    outdir: SERVER_OUT_DIR,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  // Two starts at once (parallel tests, two nodes) may build together: each file is written
  // under a temporary name and renamed, chunks (named by content hash) before the entries that
  // import them, so a reader never sees a half-written file or an entry without its chunks.
  const entries = new Set(
    ['main.js', 'server.js', 'compaction-worker.js'].map((name) => join(SERVER_OUT_DIR, name)),
  );
  const ordered = [...result.outputFiles].sort(
    (a, b) => Number(entries.has(a.path)) - Number(entries.has(b.path)),
  );
  for (const file of ordered) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  removeOldChunks(new Set(ordered.map((file) => file.path)));
}

/** Hashed chunks of earlier builds pile up otherwise; a concurrent build's are minutes younger. */
function removeOldChunks(current) {
  const chunks = join(SERVER_OUT_DIR, 'chunks');
  const cutoff = Date.now() - 10 * 60_000;
  for (const name of readdirSync(chunks)) {
    const path = join(chunks, name);
    if (!current.has(path) && statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
