import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { mintJoinLink, normalizeJoinCode, redeemJoinCode } from '../access/join-links.ts';
import { documentMember } from '../access/middleware.ts';
import { clientAddress } from '../access/client-address.ts';
import type { RateLimiters } from '../access/rate-window.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore } from '../storage/document-store.ts';

/** Tries at a code per minute, per address and in all: a room joining together stays far below; guessing a million codes does not. */
export const JOIN_CODE_TRIES_PER_MINUTE = { perAddress: 60, total: 600 } as const;

const UNKNOWN_CODE =
  'This code does not open anything: it may be mistyped, from another day, or withdrawn. Check the code on the screen.';

/** The page a short code opens. */
export const joinCodePath = (code: string): string => `/j/${code}`;

/**
 * Join links for the projector: `POST /api/documents/:doc/join-link` (editor or owner) mints one
 * (→ 201 `{url, code, codeUrl, expiresAt}`), `DELETE` withdraws every join link of the document
 * and closes the sockets they opened, and `POST /api/join/:code` exchanges a typed code for
 * `{documentId, token}` (no other credential; paced, 429 past the limit, 404 for a dead code).
 */
export function joinLinkRoutes(
  store: DocumentStore,
  relay: Relay,
  rateLimiters: RateLimiters,
  trustedProxies: ReadonlySet<string>,
) {
  const perAddress = rateLimiters(
    'join-code-per-address',
    JOIN_CODE_TRIES_PER_MINUTE.perAddress,
    60_000,
  );
  const total = rateLimiters('join-code-total', JOIN_CODE_TRIES_PER_MINUTE.total, 60_000);
  return new Hono()
    .post('/api/documents/:doc/join-link', documentMember(store, 'editor'), async (c) => {
      const documentId = c.req.param('doc');
      const { token, code, expiresAt } = await mintJoinLink(store, documentId);
      c.header('cache-control', 'no-store');
      return c.json(
        {
          url: new URL(`/d/${documentId}?token=${token}`, c.req.url).href,
          code,
          codeUrl: new URL(joinCodePath(code), c.req.url).href,
          expiresAt,
        },
        201,
      );
    })
    .delete('/api/documents/:doc/join-link', documentMember(store, 'editor'), async (c) => {
      const documentId = c.req.param('doc');
      await store.revokeJoinLinks(documentId);
      relay.closeSocketsOfJoinLinks(documentId);
      return c.json({ revoked: true });
    })
    .post('/api/join/:code', async (c) => {
      c.header('cache-control', 'no-store');
      const address = clientAddress(c, trustedProxies);
      // In turn, so a try refused per address does not use up the total.
      for (const [limit, key] of [
        [perAddress, address],
        [total, 'all'],
      ] as const) {
        const window = await limit.take(key);
        if (!window.ok) {
          c.header('retry-after', String(window.retryAfterSeconds));
          throw new HTTPException(429, {
            message: 'Too many tries at a join code. Wait a minute, then type the code again.',
          });
        }
      }
      const code = normalizeJoinCode(c.req.param('code'));
      const redeemed = code === null ? null : await redeemJoinCode(store, code);
      if (redeemed === null) throw new HTTPException(404, { message: UNKNOWN_CODE });
      return c.json(redeemed);
    });
}
