import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';

/**
 * The session cookie: HttpOnly (page scripts never see it), Secure, SameSite=Lax (sent on a
 * top-level link from another site, never on its background requests or form posts). Served over
 * HTTPS it is `__Host-` prefixed: the browser then refuses it unless Secure, for this host only
 * and for every path, so a sibling subdomain cannot plant or shadow it.
 */
export interface SessionCookie {
  read(c: Context): string | null;
  write(c: Context, value: string, maxAgeSeconds: number): void;
  clear(c: Context): void;
  /** The short-lived cookie that carries a sign-in's PKCE verifier, state and nonce to the callback. */
  readLogin(c: Context): string | null;
  writeLogin(c: Context, value: string): void;
  clearLogin(c: Context): void;
}

/** Ten minutes to pick an account and type a password at the provider. */
const LOGIN_MAX_AGE_SECONDS = 600;

export function sessionCookie(publicUrl: string): SessionCookie {
  const https = publicUrl.startsWith('https:');
  const prefix = https ? ({ prefix: 'host' } as const) : {};
  const base: CookieOptions = {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    ...prefix,
  };
  const read = (c: Context, name: string): string | null =>
    (https ? getCookie(c, name, 'host') : getCookie(c, name)) ?? null;
  const clear = (c: Context, name: string): void => {
    deleteCookie(c, name, base);
  };
  return {
    read: (c) => read(c, SESSION_COOKIE),
    write: (c, value, maxAge) => setCookie(c, SESSION_COOKIE, value, { ...base, maxAge }),
    clear: (c) => clear(c, SESSION_COOKIE),
    readLogin: (c) => read(c, LOGIN_COOKIE),
    writeLogin: (c, value) =>
      setCookie(c, LOGIN_COOKIE, value, { ...base, maxAge: LOGIN_MAX_AGE_SECONDS }),
    clearLogin: (c) => clear(c, LOGIN_COOKIE),
  };
}

export const SESSION_COOKIE = 'pathways_session';
const LOGIN_COOKIE = 'pathways_login';
