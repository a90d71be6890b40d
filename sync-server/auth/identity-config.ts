import { readFileSync } from 'node:fs';

/** One district's identity provider: who may sign in through it. */
export interface ProviderConfig {
  /** Short id in URLs (`/auth/login?provider=ID`); "default" for the one set by OIDC_ISSUER. */
  readonly id: string;
  /** What the sign-in page's button says: "Sign in with NAME". */
  readonly name: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * Lower-cased. An entry matches the verified email's domain, Google's `hd` claim, or a
   * Microsoft tenant id (`tid`).
   */
  readonly allowedDomains: readonly string[];
}

/** Sign-in settings; absent when no provider is configured (share links only). */
export interface IdentityConfig {
  /** `PATHWAYS_PUBLIC_URL` without a trailing slash: the redirect URI is `${publicUrl}/auth/callback`. */
  readonly publicUrl: string;
  readonly providers: readonly ProviderConfig[];
  /** How long a session lasts from sign-in. */
  readonly sessionMs: number;
}

/** A school day and then some: a counselor signs in once in the morning. */
export const DEFAULT_SESSION_MS = 12 * 60 * 60 * 1000;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function checkUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL, got "${value}"`);
  }
  // Plain http would let anyone on the network read tokens in flight; only loopback (tests, a trial on one machine) may.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new Error(
      `${name} must be an https:// URL (http:// only on a loopback address), got "${value}"`,
    );
  }
  return url;
}

const splitDomains = (raw: string): string[] =>
  raw
    .split(',')
    .map((domain) => domain.trim().toLowerCase())
    .filter((domain) => domain !== '');

function checkProvider(raw: unknown, index: number, file: string): ProviderConfig {
  const where = `${file}, provider ${index + 1}`;
  if (typeof raw !== 'object' || raw === null)
    throw new Error(
      `${where}: each provider is an object {id, name, issuer, clientId, clientSecret, allowedDomains}`,
    );
  const fields = raw as Record<string, unknown>;
  for (const key of ['id', 'name', 'issuer', 'clientId', 'clientSecret'] as const) {
    if (typeof fields[key] !== 'string' || fields[key] === '')
      throw new Error(`${where}: "${key}" must be a non-empty string`);
  }
  if (!/^[a-z0-9-]{1,40}$/.test(fields.id as string))
    throw new Error(`${where}: "id" may hold only a-z, 0-9 and dashes`);
  const domains = fields.allowedDomains;
  if (
    !Array.isArray(domains) ||
    domains.length === 0 ||
    domains.some((domain) => typeof domain !== 'string' || domain.trim() === '')
  ) {
    throw new Error(
      `${where}: "allowedDomains" must be a non-empty list of domains (or Microsoft tenant ids)`,
    );
  }
  checkUrl(fields.issuer as string, `${where}: "issuer"`);
  return {
    id: fields.id as string,
    name: fields.name as string,
    issuer: fields.issuer as string,
    clientId: fields.clientId as string,
    clientSecret: fields.clientSecret as string,
    allowedDomains: (domains as string[]).map((domain) => domain.trim().toLowerCase()),
  };
}

function readProvidersFile(path: string): ProviderConfig[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `OIDC_PROVIDERS_FILE ${path} could not be read as JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new Error(`OIDC_PROVIDERS_FILE ${path} must hold a non-empty JSON list of providers`);
  const providers = parsed.map((entry, index) => checkProvider(entry, index, path));
  const ids = new Set(providers.map((provider) => provider.id));
  if (ids.size !== providers.length)
    throw new Error(`OIDC_PROVIDERS_FILE ${path}: two providers share an id`);
  return providers;
}

/**
 * Reads OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ALLOWED_DOMAINS and
 * PATHWAYS_PUBLIC_URL, and OIDC_PROVIDERS_FILE for several districts on one deployment. Either
 * may be used, or both (the single one is listed first). Any mistake stops the start with a
 * sentence naming the variable.
 */
export function readIdentityConfig(
  env: Readonly<Record<string, string | undefined>>,
): IdentityConfig | undefined {
  const providers: ProviderConfig[] = [];
  if (env.OIDC_ISSUER) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ALLOWED_DOMAINS'] as const) {
      if (!env[name]) throw new Error(`OIDC_ISSUER is set, so ${name} must be set too`);
    }
    checkUrl(env.OIDC_ISSUER, 'OIDC_ISSUER');
    const allowedDomains = splitDomains(env.OIDC_ALLOWED_DOMAINS!);
    if (allowedDomains.length === 0)
      throw new Error(
        'OIDC_ALLOWED_DOMAINS must list at least one domain, e.g. "riversideusd.org"',
      );
    providers.push({
      id: 'default',
      name: new URL(env.OIDC_ISSUER).hostname,
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID!,
      clientSecret: env.OIDC_CLIENT_SECRET!,
      allowedDomains,
    });
  }
  if (env.OIDC_PROVIDERS_FILE) providers.push(...readProvidersFile(env.OIDC_PROVIDERS_FILE));
  if (providers.length === 0) return undefined;
  if (!env.PATHWAYS_PUBLIC_URL)
    throw new Error(
      'Sign-in is configured, so PATHWAYS_PUBLIC_URL must say where people reach Pathways (the redirect URI is PATHWAYS_PUBLIC_URL/auth/callback)',
    );
  const publicUrl = checkUrl(env.PATHWAYS_PUBLIC_URL, 'PATHWAYS_PUBLIC_URL').href.replace(
    /\/$/,
    '',
  );
  return { publicUrl, providers, sessionMs: DEFAULT_SESSION_MS };
}
