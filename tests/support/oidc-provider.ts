import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { findFreePort } from './free-port.ts';

/** A person the test provider knows: whatever is typed as the login on its development sign-in page picks one. */
export interface TestPerson {
  readonly email: string;
  readonly name: string;
  readonly emailVerified?: boolean;
  /** Google's hosted domain claim. */
  readonly hd?: string;
  /** Clever's claim; "student" must be refused. */
  readonly userType?: string;
}

export interface TestIdentityProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on a loopback port, with its development
 * sign-in and consent screens: any login typed there signs in as `people[login]` (sub = login).
 */
export interface TestProviderOptions {
  /**
   * Leave email, name and hd out of the ID token (as the spec allows once an access token is
   * issued): the client must read them from the userinfo endpoint.
   */
  readonly profileOnlyFromUserInfo?: boolean;
}

export async function startIdentityProvider(
  redirectUri: string,
  people: Readonly<Record<string, TestPerson>>,
  options: TestProviderOptions = {},
): Promise<TestIdentityProvider> {
  const port = await findFreePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'pathways-test';
  const clientSecret = 'pathways-test-secret-which-is-long-enough';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    // Claims of the requested scopes go in the ID token, as Google's and Clever's do, unless the
    // test asks for a provider that keeps them to its userinfo endpoint.
    conformIdTokenClaims: options.profileOnlyFromUserInfo === true,
    claims: {
      openid: ['sub', 'hd', 'user_type'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const person = people[sub];
      if (person === undefined) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: person.email,
          email_verified: person.emailVerified ?? true,
          name: person.name,
          ...(person.hd !== undefined && { hd: person.hd }),
          ...(person.userType !== undefined && { user_type: person.userType }),
        }),
      };
    },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
