import WebSocket from 'ws';
import { findFreePort } from './free-port.ts';
import {
  startIdentityProvider,
  type TestIdentityProvider,
  type TestPerson,
  type TestProviderOptions,
} from './oidc-provider.ts';
import { startTestServer } from './test-server.ts';

export type IdentityTestServer = Awaited<ReturnType<typeof startTestServer>> & {
  readonly idp: TestIdentityProvider;
  readonly publicUrl: string;
};

/**
 * The real server with sign-in through a real oidc-provider, both on loopback. The server's port
 * is chosen first, since the provider must know the redirect URI before the server starts.
 */
export async function startIdentityServer(
  people: Readonly<Record<string, TestPerson>>,
  allowedDomains = 'riverside.example',
  env: Record<string, string> = {},
  providerOptions: TestProviderOptions = {},
): Promise<IdentityTestServer> {
  const port = await findFreePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const idp = await startIdentityProvider(`${publicUrl}/auth/callback`, people, providerOptions);
  const server = await startTestServer({
    PORT: String(port),
    PATHWAYS_PUBLIC_URL: publicUrl,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_ALLOWED_DOMAINS: allowedDomains,
    ...env,
  });
  const stop = server.stop.bind(server);
  return Object.assign(server, {
    idp,
    publicUrl,
    stop: async () => (await stop(), await idp.stop()),
  });
}

/** A `ws` WebSocket class that sends a cookie and an Origin, for y-websocket's WebSocketPolyfill. */
export function socketWithCookie(cookie: string, origin: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin } });
    }
  } as unknown as typeof globalThis.WebSocket;
}
