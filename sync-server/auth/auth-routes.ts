import { Hono, type Context } from 'hono';
import * as oidc from 'openid-client';
import { readAccount, type SessionEnv } from '../access/middleware.ts';
import { createToken, hashToken } from '../access/tokens.ts';
import type { Logger } from '../observability/logger.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { createRecordId } from '../routes/ids.ts';
import { checkDistrictRule } from './district-rule.ts';
import type { IdentityConfig, ProviderConfig } from './identity-config.ts';
import { OidcClients } from './oidc-clients.ts';
import type { SessionCookie } from './session-cookie.ts';
import { accountEvents } from './session-middleware.ts';

/** What the login cookie carries from `/auth/login` to `/auth/callback`. */
interface PendingLogin {
  readonly provider: string;
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly next: string;
}

/** A path on this site only: `//evil.example` and `https://…` would send people elsewhere after sign-in. */
export function safeNext(next: string | undefined): string {
  return next !== undefined && /^\/(?![/\\])/.test(next) && next.length <= 500 ? next : '/';
}

function readPending(raw: string | null): PendingLogin | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString()) as Record<string, unknown>;
    const fields = ['provider', 'verifier', 'state', 'nonce', 'next'] as const;
    return fields.every((field) => typeof value[field] === 'string')
      ? (value as unknown as PendingLogin)
      : null;
  } catch {
    return null;
  }
}

/** True when the ID token leaves out a claim the district rule or the members page reads (tid stands in for hd at Microsoft). */
function lacksProfileClaims(claims: Record<string, unknown>): boolean {
  return (
    typeof claims.email !== 'string' ||
    typeof claims.name !== 'string' ||
    (claims.hd === undefined && claims.tid === undefined)
  );
}

const refusedPage = (reason: string, domain?: string | null): string =>
  `/sign-in?${new URLSearchParams({ refused: reason, ...(domain && { domain }) })}`;

/**
 * `/auth/login`, `/auth/callback`, `/auth/logout`, `/auth/providers` and `/api/me`: sign-in with
 * a district's OpenID Connect provider (authorization code with PKCE, state and nonce), a
 * server-side session in a cookie, and nothing of the provider's tokens kept once the ID token is read.
 */
export function authRoutes(
  store: DocumentStore,
  config: IdentityConfig | undefined,
  cookie: SessionCookie | undefined,
  logger: Logger,
) {
  const clients = config === undefined ? null : new OidcClients(config);
  const app = new Hono<SessionEnv>();

  app.get('/api/me', async (c) => {
    const account = readAccount(c);
    if (account === null) return c.json({ signedIn: false, signInAvailable: clients !== null });
    const workspaces = await store.listAccountWorkspaces(account.id);
    return c.json({
      signedIn: true,
      id: account.id,
      name: account.name,
      email: account.email,
      workspaces: workspaces.map((w) => ({ id: w.workspaceId, name: w.name, role: w.role })),
    });
  });

  app.get('/auth/providers', (c) =>
    c.json((config?.providers ?? []).map((provider) => ({ id: provider.id, name: provider.name }))),
  );

  if (clients === null || config === undefined || cookie === undefined) {
    const off = (c: Context) =>
      c.json(
        {
          error:
            'Sign-in is not set up on this server (OIDC_ISSUER or OIDC_PROVIDERS_FILE); use a share link.',
        },
        404,
      );
    return app.get('/auth/login', off).get('/auth/callback', off).post('/auth/logout', off);
  }

  app.get('/auth/login', async (c) => {
    const provider = clients.find(c.req.query('provider'));
    if (provider === null) return c.redirect('/sign-in', 302);
    let configuration: oidc.Configuration;
    try {
      configuration = await clients.configuration(provider);
    } catch (error) {
      logger.warn(
        { provider: provider.id, error },
        "could not read the identity provider's discovery document",
      );
      return c.redirect(refusedPage('unavailable'), 302);
    }
    const pending: PendingLogin = {
      provider: provider.id,
      verifier: oidc.randomPKCECodeVerifier(),
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      next: safeNext(c.req.query('next')),
    };
    cookie.writeLogin(c, Buffer.from(JSON.stringify(pending)).toString('base64url'));
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: clients.redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return c.redirect(url.href, 302);
  });

  app.get('/auth/callback', async (c) => {
    const pending = readPending(cookie.readLogin(c));
    cookie.clearLogin(c);
    const provider = pending === null ? null : clients.find(pending.provider);
    if (pending === null || provider === null) return c.redirect(refusedPage('expired'), 302);
    let claims: Record<string, unknown>;
    try {
      const configuration = await clients.configuration(provider);
      // The URL the provider redirected to, as people reach it (a proxy may have rewritten the host).
      const current = new URL(`${clients.redirectUri}${new URL(c.req.url).search}`);
      const tokens = await oidc.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const fromIdToken = { ...tokens.claims() };
      claims = lacksProfileClaims(fromIdToken)
        ? {
            ...(await readUserInfo(
              configuration,
              tokens.access_token,
              String(fromIdToken.sub),
              provider.id,
            )),
            ...fromIdToken,
          }
        : fromIdToken;
      // The access and refresh tokens go out of scope here: Pathways keeps none of the provider's tokens.
    } catch (error) {
      logger.warn(
        { provider: provider.id, error: error instanceof Error ? error.message : String(error) },
        'a sign-in failed at the identity provider',
      );
      return c.redirect(refusedPage('failed'), 302);
    }
    return finishSignIn(c, provider, claims, pending.next);
  });

  /**
   * The userinfo endpoint's claims, for a provider that leaves email, name or hd out of the ID
   * token (the spec lets it when an access token is issued). The ID token's own claims win where
   * both have one; a failure here leaves the ID token's, and the district rule then decides.
   */
  async function readUserInfo(
    configuration: oidc.Configuration,
    accessToken: string,
    subject: string,
    providerId: string,
  ): Promise<Record<string, unknown>> {
    if (configuration.serverMetadata().userinfo_endpoint === undefined) return {};
    try {
      return { ...(await oidc.fetchUserInfo(configuration, accessToken, subject)) };
    } catch (error) {
      logger.warn(
        { provider: providerId, error: error instanceof Error ? error.message : String(error) },
        "could not read the userinfo endpoint; going on with the ID token's claims",
      );
      return {};
    }
  }

  async function finishSignIn(
    c: Context<SessionEnv>,
    provider: ProviderConfig,
    claims: Record<string, unknown>,
    next: string,
  ) {
    const at = new Date().toISOString();
    const requestId = (c.get('requestId') as string | undefined) ?? null;
    const subject = String(claims.sub);
    const rule = checkDistrictRule(claims, provider);
    if (!rule.ok) {
      // Recorded where an owner will look: the workspaces this person belongs to or was invited to.
      const known = await store.findAccountByIssuerSubject(provider.issuer, subject);
      const workspaces = new Set([
        ...(known === null
          ? []
          : (await store.listAccountWorkspaces(known.id)).map((w) => w.workspaceId)),
        ...(rule.email === null ? [] : await store.listWorkspacesOfEmail(rule.email)),
      ]);
      const actor =
        known !== null
          ? ({ type: 'account', id: known.id, name: known.name } as const)
          : ({ type: 'person', name: rule.email ?? `${provider.id} user` } as const);
      const base = {
        at,
        actor,
        action: 'sign-in-refused',
        outcome: 'refused',
        requestId,
        detail: rule.reason,
        ...(rule.email !== null && { target: rule.email }),
      } as const;
      await store.appendAudit(
        (workspaces.size === 0 ? [null] : [...workspaces]).map((workspaceId) => ({
          ...base,
          workspaceId,
        })),
      );
      return c.redirect(refusedPage(rule.reason, rule.domain), 302);
    }
    const session = createToken();
    const name =
      typeof claims.name === 'string' && claims.name.trim() !== ''
        ? claims.name.trim().slice(0, 200)
        : rule.email;
    await store.signIn({
      accountId: createRecordId(),
      issuer: provider.issuer,
      subject,
      email: rule.email,
      name,
      at,
      sessionHash: hashToken(session),
      sessionExpiresAt: new Date(Date.now() + config!.sessionMs).toISOString(),
      requestId,
    });
    cookie!.write(c, session, Math.floor(config!.sessionMs / 1000));
    return c.redirect(next, 302);
  }

  app.post('/auth/logout', async (c) => {
    const value = cookie.read(c);
    const account = readAccount(c);
    if (value !== null && account !== null) {
      const requestId = (c.get('requestId') as string | undefined) ?? null;
      await store.endSession(
        hashToken(value),
        await accountEvents(store, account, {
          at: new Date().toISOString(),
          action: 'sign-out',
          outcome: 'success',
          requestId,
          target: account.email,
        }),
      );
    }
    cookie.clear(c);
    return c.json({ signedIn: false });
  });

  return app;
}
