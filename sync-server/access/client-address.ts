import type { Context } from 'hono';

/**
 * The address a request came from, for per-address rate limits. `X-Forwarded-For` is a header
 * anyone can send, so it counts only when the peer is one of `trustedProxies` (the load balancer
 * in front of Pathways, PATHWAYS_TRUSTED_PROXIES); else a client could pick a fresh address for
 * every try and never be limited. Behind trusted proxies the client is the right-most address
 * that is not one of them: each proxy appends the peer it saw, and only those entries are true.
 */
export function clientAddress(c: Context, trustedProxies: ReadonlySet<string>): string {
  const peer = normalizeAddress(
    (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
      ?.remoteAddress ?? 'unknown',
  );
  if (!trustedProxies.has(peer)) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => normalizeAddress(part.trim()))
    .filter((part) => part !== '');
  for (let index = forwarded.length - 1; index >= 0; index--)
    if (!trustedProxies.has(forwarded[index]!)) return forwarded[index]!;
  return forwarded[0] ?? peer;
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) and `10.0.0.1` are the same address. */
export function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.')
    ? address.slice('::ffff:'.length)
    : address;
}

/** PATHWAYS_TRUSTED_PROXIES: comma-separated IP addresses of the proxies in front of the server. */
export function readTrustedProxies(raw: string | undefined): ReadonlySet<string> {
  const addresses = (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const address of addresses) {
    if (!/^[0-9a-fA-F:.]+$/.test(address))
      throw new Error(
        `PATHWAYS_TRUSTED_PROXIES lists IP addresses separated by commas; "${address}" is not one`,
      );
  }
  return new Set(addresses.map(normalizeAddress));
}
