import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Every JSON body this API takes is a name, a title or a label (at most 300 characters); 16 KiB
 * leaves room for escapes and future fields, and refuses a body meant to exhaust memory. The
 * limit is checked against Content-Length before a byte is read, and counted while a chunked body
 * streams in, so a large body is refused with 413 without being held.
 */
export const JSON_BODY_LIMIT_BYTES = 16 * 1024;

/** Routes that take more set their own, tighter-fitted limit right on the route. */
const OWN_LIMIT = /^\/api\/survey\/[^/]+\/answers$/;

export function limitRequestBodies(): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: JSON_BODY_LIMIT_BYTES,
    onError: (c) =>
      c.json(
        {
          error: `Request bodies here are at most ${JSON_BODY_LIMIT_BYTES / 1024} KiB; nothing was changed.`,
        },
        413,
      ),
  });
  return (c, next) => (OWN_LIMIT.test(c.req.path) ? next() : limit(c, next));
}
