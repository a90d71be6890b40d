import { Hono, type Context } from 'hono';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { chooseEncoding, type Encoding } from './content-encoding.ts';
import type { FirstScreenRenderer } from './first-screen.ts';

/** Where `vite build` writes the client, relative to the project directory the server runs in. */
export const CLIENT_DIR = 'dist/client';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Where the first screen goes in index.html: just before the app's root. */
const ROOT_ELEMENT = '<div id="root">';

/**
 * How long the page waits for its first screen. Everything the page does waits for its HTML (its
 * scripts run once the HTML is parsed), so a first screen that is slow to render (a large
 * document not open in a room, a busy server) is left out rather than delaying the editor: on
 * the shared two-core machine, rendering the 200-row data review took 100–450 ms, and the
 * cold load's editor came that much later.
 */
export const FIRST_SCREEN_BUDGET_MS = 150;

/** The first screen, or null when it is refused, fails, or takes longer than the budget. */
async function firstScreenWithin(render: Promise<string | null>, budgetMs: number): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), budgetMs)));
  // The page must still open: the live page reads the document itself and reports what went wrong.
  const settled = render.catch(() => null);
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt']);
/** The build writes these next to each asset (see vite.config.ts); they are never served by their own name. */
const PRECOMPRESSED: Record<Exclude<Encoding, 'identity'>, string> = { br: '.br', gzip: '.gz' };

/** One file of the build, held in memory with its compressed forms. */
interface ClientFile {
  readonly type: string;
  readonly cacheControl: string;
  readonly identity: Buffer;
  readonly compressible: boolean;
  readonly br: Buffer | null;
  /** From the build when it wrote one; otherwise compressed once, on first request. */
  gzip: Promise<Buffer> | null;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function readIfPresent(path: string): Buffer | null {
  return existsSync(path) ? readFileSync(path) : null;
}

/**
 * Every file of the build, by URL path. The build is small (a few files) and immutable while
 * the server runs, so it is read once: no disk access and no compression per request.
 */
function loadBuild(clientDir: string): Map<string, ClientFile> {
  const files = new Map<string, ClientFile>();
  for (const path of listFiles(clientDir)) {
    if (path.endsWith(PRECOMPRESSED.br) || path.endsWith(PRECOMPRESSED.gzip)) continue;
    const urlPath = '/' + relative(clientDir, path).split(sep).join('/');
    const extension = extname(path);
    const compressible = COMPRESSIBLE.has(extension);
    const gzipped = compressible ? readIfPresent(path + PRECOMPRESSED.gzip) : null;
    files.set(urlPath, {
      type: TYPES[extension] ?? 'application/octet-stream',
      // Asset names carry a content hash, so they never change. Everything else (index.html, the
      // service worker, the manifest) is asked again each time, or a fixed client would not reach people.
      cacheControl: urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      identity: readFileSync(path),
      compressible,
      br: compressible ? readIfPresent(path + PRECOMPRESSED.br) : null,
      gzip: gzipped === null ? null : Promise.resolve(gzipped),
    });
  }
  return files;
}

async function send(c: Context, file: ClientFile): Promise<Response> {
  const available: Exclude<Encoding, 'identity'>[] = file.compressible ? (file.br === null ? ['gzip'] : ['br', 'gzip']) : [];
  const encoding = chooseEncoding(c.req.header('accept-encoding'), available);
  let body = file.identity;
  if (encoding === 'br') body = file.br!;
  if (encoding === 'gzip') body = await (file.gzip ??= gzipAsync(file.identity, { level: 9 }));
  const headers: Record<string, string> = { 'content-type': file.type, 'cache-control': file.cacheControl, 'content-length': String(body.byteLength) };
  if (file.compressible) headers.vary = 'Accept-Encoding';
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  return c.body(new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>, 200, headers);
}

/**
 * index.html with a document's first screen in it, compressed per request (a few kilobytes, at a
 * fast level). It holds the document, so no cache may keep it; nor is the link's token reused.
 */
async function sendWithFirstScreen(c: Context, index: ClientFile, firstScreen: string): Promise<Response> {
  const html = Buffer.from(index.identity.toString('utf8').replace(ROOT_ELEMENT, `${firstScreen}\n${ROOT_ELEMENT}`));
  const encoding = chooseEncoding(c.req.header('accept-encoding'), ['br', 'gzip']);
  let body = html;
  if (encoding === 'br') body = await brotliAsync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: html.byteLength } });
  if (encoding === 'gzip') body = await gzipAsync(html, { level: 6 });
  const headers: Record<string, string> = { 'content-type': index.type, 'cache-control': 'no-store', vary: 'Accept-Encoding', 'content-length': String(body.byteLength) };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  return c.body(new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>, 200, headers);
}

/**
 * The built client: its files, compressed as the browser accepts (brotli or gzip, prepared by
 * the build), and index.html for every page route (`/`, `/w/:ws`, `/d/:doc`, `/s/:token`…) so a
 * share link opens the app.
 */
export function clientRoutes(clientDir = CLIENT_DIR, renderFirstScreen: FirstScreenRenderer | null = null, firstScreenBudgetMs = FIRST_SCREEN_BUDGET_MS) {
  const indexFile = join(clientDir, 'index.html');
  const app = new Hono();
  if (!existsSync(indexFile)) {
    return app.get('/', (c) => c.text('The client is not built. Run `npm start` (it builds it) or `npx vite build`.', 503));
  }
  const files = loadBuild(clientDir);
  const index = files.get('/index.html')!;
  const page = (c: Context) => send(c, index);
  return app
    .get('/', page)
    .get('/w/*', page)
    // A share link's page shows the top of the document before any script has run, when its
    // token may read it (first-screen.ts); a page without a token, or a failed read, is the app alone.
    .get('/d/:doc', async (c) => {
      if (renderFirstScreen === null || !index.identity.includes(ROOT_ELEMENT)) return page(c);
      const firstScreen = await firstScreenWithin(renderFirstScreen(c.req.param('doc'), c.req.query('token') ?? null), firstScreenBudgetMs);
      return firstScreen === null ? page(c) : sendWithFirstScreen(c, index, firstScreen);
    })
    .get('/d/*', page)
    // A survey link's token is its path: no Referer may carry it anywhere, and no cache may keep it.
    .get('/s/*', (c) => {
      c.header('referrer-policy', 'no-referrer');
      return send(c, { ...index, cacheControl: 'no-store' });
    })
    // So is a join code, for the day it lives.
    .get('/j/*', (c) => {
      c.header('referrer-policy', 'no-referrer');
      return send(c, { ...index, cacheControl: 'no-store' });
    })
    .get('/*', async (c, next) => {
      const file = files.get(c.req.path);
      if (file === undefined) return next();
      return send(c, file);
    });
}
