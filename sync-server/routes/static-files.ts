import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { chooseEncoding } from './content-encoding.ts';

const gzipAsync = promisify(gzip);

/** The copies client/build/precompress.ts writes next to each file; they are never served by their own name. */
const PRECOMPRESSED_COPY = /\.(br|gz)$/;
const COMPRESSIBLE_TYPE = /^(text\/|application\/(javascript|json|manifest\+json)|image\/svg\+xml)/;
/**
 * How many (file, Accept-Encoding header) pairs remember their answer. Browsers send a handful of
 * distinct headers; past this, a client inventing new ones is answered from disk, not remembered.
 */
const MAX_REMEMBERED_HEADERS = 1024;

/** One answer, as sent: the file's bytes in one encoding and the headers that describe them. */
interface Answer {
  readonly body: Buffer;
  readonly type: string;
  readonly encoding: string | null;
}

export interface StaticFilesOptions {
  /** Serve this file (relative to the root) whatever the request's path, as page routes serve index.html. */
  readonly path?: string;
  /** Overrides the default: immutable for hashed `/assets/*`, `no-cache` for everything else. */
  readonly cacheControl?: string;
}

/**
 * The built client's files from `root`, through `@hono/node-server`'s `serveStatic` (which finds
 * the file and picks the brotli or gzip copy the build wrote), with what it lacks: each answer is
 * kept in memory after the first request, as the build does not change while the server runs;
 * files the build did not compress (the service worker) are gzipped once; and the cache headers.
 * Paths with no file fall through to the next handler.
 */
export function staticFiles(root: string, options: StaticFilesOptions = {}): MiddlewareHandler {
  const serve = serveStatic({
    root,
    precompressed: true,
    ...(options.path === undefined ? {} : { path: options.path }),
  });
  /** By file and encoding. */
  const answers = new Map<string, Answer>();
  /** By file and Accept-Encoding header: the encoding of the answer that request got. */
  const encodingFor = new Map<string, string>();

  return async (c, next) => {
    const file = options.path ?? c.req.path;
    if (PRECOMPRESSED_COPY.test(file)) return next();
    const cacheControl =
      options.cacheControl ??
      (file.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    const acceptEncoding = c.req.header('accept-encoding') ?? '';
    const send = (answer: Answer) => {
      const headers: Record<string, string> = {
        'content-type': answer.type,
        'cache-control': cacheControl,
        'content-length': String(answer.body.byteLength),
      };
      if (COMPRESSIBLE_TYPE.test(answer.type)) headers.vary = 'Accept-Encoding';
      if (answer.encoding !== null) headers['content-encoding'] = answer.encoding;
      return c.body(
        new Uint8Array(
          answer.body.buffer,
          answer.body.byteOffset,
          answer.body.byteLength,
        ) as Uint8Array<ArrayBuffer>,
        200,
        headers,
      );
    };

    const rememberedEncoding = encodingFor.get(`${file}\n${acceptEncoding}`);
    const remembered =
      rememberedEncoding === undefined ? undefined : answers.get(`${file}\n${rememberedEncoding}`);
    if (remembered !== undefined && c.req.method === 'GET' && c.req.header('range') === undefined)
      return send(remembered);

    const served = await serve(c, next);
    if (!(served instanceof Response)) return;
    if (served.status !== 200 || c.req.method !== 'GET') {
      served.headers.set('cache-control', cacheControl);
      return served;
    }
    const type = served.headers.get('content-type') ?? 'application/octet-stream';
    let answer: Answer = {
      body: Buffer.from(await served.arrayBuffer()),
      type,
      encoding: served.headers.get('content-encoding'),
    };
    if (
      answer.encoding === null &&
      COMPRESSIBLE_TYPE.test(type) &&
      chooseEncoding(acceptEncoding, ['gzip']) === 'gzip'
    ) {
      answer = answers.get(`${file}\ngzip`) ?? {
        body: await gzipAsync(answer.body, { level: 9 }),
        type,
        encoding: 'gzip',
      };
    }
    const encoding = answer.encoding ?? 'identity';
    if (!answers.has(`${file}\n${encoding}`)) answers.set(`${file}\n${encoding}`, answer);
    if (encodingFor.size < MAX_REMEMBERED_HEADERS)
      encodingFor.set(`${file}\n${acceptEncoding}`, encoding);
    return send(answers.get(`${file}\n${encoding}`)!);
  };
}
