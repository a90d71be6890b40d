import { Hono, type MiddlewareHandler } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FirstScreenRenderer } from './first-screen.ts';
import {
  FIRST_SCREEN_BUDGET_MS,
  ROOT_ELEMENT,
  firstScreenWithin,
  sendWithFirstScreen,
} from './first-screen-page.ts';
import { inlineStylesheets } from './inline-stylesheet.ts';
import { staticFiles } from './static-files.ts';
import { readAccount } from '../access/middleware.ts';

/**
 * A document's page goes without an opener policy (`unsafe-none`, which the security headers
 * then leave as it is). With `same-origin` the page needs a browsing context group of its own, so
 * Chromium starts its process only once the response is in: a share link opened from an email or
 * a calendar showed its first screen 90-200 ms later (tests/bench/client/README.md). Every other
 * page, sign-in and the workspace's among them, keeps `same-origin`.
 */
const documentPageWithoutOpenerPolicy: MiddlewareHandler = async (c, next) => {
  c.header('cross-origin-opener-policy', 'unsafe-none');
  await next();
};

/** Where `vite build` writes the client, relative to the project directory the server runs in. */
export const CLIENT_DIR = 'dist/client';

/**
 * The built client: its files, compressed as the browser accepts (brotli or gzip, prepared by
 * the build), and index.html for every page route (`/`, `/w/:ws`, `/d/:doc`, `/s/:token`…) so a
 * share link opens the app.
 */
export function clientRoutes(
  clientDir = CLIENT_DIR,
  renderFirstScreen: FirstScreenRenderer | null = null,
  firstScreenBudgetMs = FIRST_SCREEN_BUDGET_MS,
) {
  const indexFile = join(clientDir, 'index.html');
  const app = new Hono();
  if (!existsSync(indexFile)) {
    return app.get('/', (c) =>
      c.text('The client is not built. Run `npm start` (it builds it) or `npx vite build`.', 503),
    );
  }
  const page = staticFiles(clientDir, { path: 'index.html' });
  const privatePage = staticFiles(clientDir, { path: 'index.html', cacheControl: 'no-store' });
  // Read once: the build does not change while the server runs. The page with a first screen
  // carries its stylesheet, so that screen is painted without waiting for another request.
  const indexHtml = inlineStylesheets(readFileSync(indexFile, 'utf8'), clientDir);
  return (
    app
      .get('/', page)
      .get('/w/*', page)
      .use('/d/*', documentPageWithoutOpenerPolicy)
      // A share link's page shows the top of the document before any script has run, when its
      // token, or the signed-in member's session cookie, may read it (first-screen.ts); a page with
      // neither, or a failed read, is the app alone.
      .get('/d/:doc', async (c, next) => {
        if (renderFirstScreen === null || !indexHtml.includes(ROOT_ELEMENT)) return page(c, next);
        const firstScreen = await firstScreenWithin(
          renderFirstScreen(c.req.param('doc'), c.req.query('token') ?? null, readAccount(c)),
          firstScreenBudgetMs,
        );
        return firstScreen === null
          ? page(c, next)
          : sendWithFirstScreen(c, indexHtml, firstScreen);
      })
      .get('/d/*', page)
      .get('/sign-in', page)
      // A survey link's token is its path: no Referer may carry it anywhere, and no cache may keep it.
      .get('/s/*', (c, next) => {
        c.header('referrer-policy', 'no-referrer');
        return privatePage(c, next);
      })
      // So is a join code, for the day it lives.
      .get('/j/*', (c, next) => {
        c.header('referrer-policy', 'no-referrer');
        return privatePage(c, next);
      })
      .get('/*', staticFiles(clientDir))
  );
}
