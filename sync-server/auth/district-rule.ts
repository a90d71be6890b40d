import type { ProviderConfig } from './identity-config.ts';

/** Why a sign-in was refused; the sign-in page says it in words. */
export type RefusalReason = 'student' | 'domain' | 'no-email';

export type RuleResult =
  | { readonly ok: true; readonly email: string }
  | {
      readonly ok: false;
      readonly reason: RefusalReason;
      readonly email: string | null;
      readonly domain: string | null;
    };

/**
 * The district rule (issue 18): students are refused outright (Pathways holds no student data
 * and has no student users; Clever marks them with `user_type`); anyone else needs an allowed
 * verified email domain, Google Workspace domain (`hd`) or Microsoft tenant (`tid`).
 */
export function checkDistrictRule(
  claims: Readonly<Record<string, unknown>>,
  provider: ProviderConfig,
): RuleResult {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
  const userType = typeof claims.user_type === 'string' ? claims.user_type.toLowerCase() : null;
  if (userType === 'student') return { ok: false, reason: 'student', email, domain: null };
  if (email === null || !email.includes('@'))
    return { ok: false, reason: 'no-email', email: null, domain: null };
  const domain = email.slice(email.lastIndexOf('@') + 1);
  const allowed = new Set(provider.allowedDomains);
  // An unverified email proves nothing about the person's district; `hd` and `tid` are set by the provider itself.
  const verifiedDomain = claims.email_verified === true && allowed.has(domain);
  const hostedDomain = typeof claims.hd === 'string' && allowed.has(claims.hd.toLowerCase());
  const tenant = typeof claims.tid === 'string' && allowed.has(claims.tid.toLowerCase());
  return verifiedDomain || hostedDomain || tenant
    ? { ok: true, email }
    : { ok: false, reason: 'domain', email, domain };
}
