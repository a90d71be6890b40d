import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `vite build` writes the client, relative to the project directory the server runs in. */
export const CLIENT_DIR = 'dist/client';

/**
 * The built client: its files, and index.html for every page route (`/`, `/w/:ws`, `/d/:doc`, `/s/:token`…)
 * so a share link opens the app. The service worker must never be cached by HTTP, or a fixed
 * client would not reach people.
 */
export function clientRoutes(clientDir = CLIENT_DIR) {
  const indexFile = join(clientDir, 'index.html');
  const app = new Hono();
  if (!existsSync(indexFile)) {
    return app.get('/', (c) => c.text('The client is not built. Run `npm start` (it builds it) or `npx vite build`.', 503));
  }
  const index = readFileSync(indexFile, 'utf8');
  const page = (c: Context) => c.html(index);
  return app
    .use('/sw.js', async (c, next) => {
      await next();
      c.header('cache-control', 'no-cache');
    })
    .use('/assets/*', async (c, next) => {
      await next();
      // File names carry a content hash, so they never change.
      if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
    })
    .use('/*', serveStatic({ root: clientDir }))
    .get('/', page)
    .get('/w/*', page)
    .get('/d/*', page)
    // A survey link's token is its path: no Referer may carry it anywhere.
    .get('/s/*', (c) => {
      c.header('referrer-policy', 'no-referrer');
      c.header('cache-control', 'no-store');
      return page(c);
    });
}
