import type { Context } from 'hono';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { chooseEncoding } from './content-encoding.ts';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Where the first screen goes in index.html: just before the app's root. */
export const ROOT_ELEMENT = '<div id="root">';

/**
 * How long the page waits for its first screen. Everything the page does waits for its HTML (its
 * scripts run once the HTML is parsed), so a first screen that is slow to render (a large
 * document not open in a room, a busy server) is left out rather than delaying the editor.
 */
export const FIRST_SCREEN_BUDGET_MS = 150;

/** The first screen, or null when it is refused, fails, or takes longer than the budget. */
export async function firstScreenWithin(
  render: Promise<string | null>,
  budgetMs: number,
): Promise<string | null> {
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

/**
 * index.html with a document's first screen in it, compressed per request (a few kilobytes, at a
 * fast level). It holds the document, so no cache may keep it; nor is the link's token reused.
 */
export async function sendWithFirstScreen(
  c: Context,
  indexHtml: string,
  firstScreen: string,
): Promise<Response> {
  const html = Buffer.from(indexHtml.replace(ROOT_ELEMENT, `${firstScreen}\n${ROOT_ELEMENT}`));
  const encoding = chooseEncoding(c.req.header('accept-encoding'), ['br', 'gzip']);
  let body = html;
  if (encoding === 'br')
    body = await brotliAsync(html, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: html.byteLength,
      },
    });
  if (encoding === 'gzip') body = await gzipAsync(html, { level: 6 });
  const headers: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    vary: 'Accept-Encoding',
    'content-length': String(body.byteLength),
  };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  return c.body(
    new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>,
    200,
    headers,
  );
}
