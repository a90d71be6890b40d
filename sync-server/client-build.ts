import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
 * (client/, core/) changed since. Vite is loaded only then, so a built deployment starts fast.
 */
export async function ensureClientBuilt(log: (message: string) => void): Promise<void> {
  const index = join(CLIENT_DIR, 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(newestChange('client'), newestChange('core'), statSync('vite.config.ts').mtimeMs);
  if (builtAt > sourcesAt) return;
  log('Building the client (first start, or its sources changed)…');
  const { build } = await import('vite');
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
