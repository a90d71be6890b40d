import { afterEach, describe, expect, test } from 'vitest';
import { readTrustedProxies } from '../../sync-server/access/client-address.ts';
import { JOIN_CODE_TRIES_PER_MINUTE } from '../../sync-server/routes/join-links.ts';
import { startTestServer } from '../support/test-server.ts';

let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** One try at a (wrong) join code, claiming to come from `forwardedFor`; resolves with the status. */
async function tryCode(baseUrl: string, forwardedFor: string): Promise<number> {
  const response = await fetch(new URL('/api/join/000000', baseUrl), {
    method: 'POST',
    headers: { 'x-forwarded-for': forwardedFor },
  });
  await response.arrayBuffer();
  return response.status;
}

describe('the join-code limit per address', () => {
  test('ignores X-Forwarded-For from a peer that is not a trusted proxy: a new address per try is still one address', async () => {
    server = await startTestServer();
    const statuses: number[] = [];
    for (let index = 0; index <= JOIN_CODE_TRIES_PER_MINUTE.perAddress; index++)
      statuses.push(await tryCode(server.url, `198.51.100.${index % 250}, 10.0.0.${index % 250}`));
    expect(
      statuses.slice(0, JOIN_CODE_TRIES_PER_MINUTE.perAddress).every((status) => status === 404),
    ).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  test('behind a trusted proxy, counts the client address the proxy appended, not the one the client wrote first', async () => {
    server = await startTestServer({ PATHWAYS_TRUSTED_PROXIES: '127.0.0.1, ::1' });
    // Each client is a distinct address as the proxy saw it: none reaches the limit.
    for (let index = 0; index <= JOIN_CODE_TRIES_PER_MINUTE.perAddress; index++)
      expect(await tryCode(server.url, `203.0.113.${index % 250}`)).toBe(404);
    // One client forging a new first address each time is still the one address the proxy appended.
    const statuses: number[] = [];
    for (let index = 0; index <= JOIN_CODE_TRIES_PER_MINUTE.perAddress; index++)
      statuses.push(await tryCode(server.url, `192.0.2.${index % 250}, 198.51.100.7`));
    expect(
      statuses.slice(0, JOIN_CODE_TRIES_PER_MINUTE.perAddress).every((status) => status === 404),
    ).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  test('PATHWAYS_TRUSTED_PROXIES refuses something that is not an IP address, with its name in the message', () => {
    expect(() => readTrustedProxies('10.0.0.1, proxy.internal')).toThrow(
      /PATHWAYS_TRUSTED_PROXIES.*proxy\.internal/,
    );
    expect([...readTrustedProxies('::ffff:10.0.0.1, 10.0.0.2')]).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});
