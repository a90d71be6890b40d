import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CLIENT_DIR } from './routes/client.ts';

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * `npm start` builds what is missing: the client when it was never built, or when its sources
 * (client/, core/) changed since. Vite runs only then, so a built deployment starts fast.
 */
export function ensureClientBuilt(log: (message: string) => void): void {
  const index = join(CLIENT_DIR, 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(
    newestChange('client'),
    newestChange('core'),
    statSync('vite.config.ts').mtimeMs,
  );
  if (builtAt > sourcesAt) return;
  log('Building the client (first start, or its sources changed)…');
  viteBuild(['--logLevel', 'warn']);
}

/**
 * `vite build` with these extra arguments, in a child process with NODE_ENV=production: a caller
 * such as Vitest sets NODE_ENV=test, and Vite would then bundle React's development build.
 */
export function viteBuild(args: readonly string[]): void {
  let vite: string;
  try {
    vite = join(
      dirname(createRequire(import.meta.url).resolve('vite/package.json')),
      'bin',
      'vite.js',
    );
  } catch {
    // A production install (`npm ci --omit=dev`) has no Vite: it serves a client built beforehand.
    throw new Error(
      'the client is not built and Vite is not installed (a dev dependency): run `npm ci && npm run build` first, then start with the production install',
    );
  }
  execFileSync(process.execPath, [vite, 'build', ...args], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
