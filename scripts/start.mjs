// `npm start`: compiles the server when it was never compiled or its sources changed since, then
// runs the compiled server in this same process (no second Node process waiting on a first).
// The compiler runs in a child process, so none of it stays in the server's memory.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist', 'server', 'main.js');

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

const builtAt = existsSync(MAIN) ? statSync(MAIN).mtimeMs : 0;
const sourcesAt = Math.max(
  ...['sync-server', 'core', 'scripts/build-server.mjs', 'package.json'].map((path) =>
    newestChange(join(ROOT, path)),
  ),
);
if (builtAt <= sourcesAt) {
  console.log('Compiling the server (first start, or its sources changed)…');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs')], { stdio: 'inherit' });
}
await import(pathToFileURL(MAIN).href);
