import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The policy for the app's pages (threat model T2 in the README): scripts only from the app's own
 * files, so text someone typed into a document can never run, even if a rendering bug let
 * markup through; nothing may frame the app (a share link's page holds a token); sockets and
 * fetches only to this server. Styles allow inline because Observable Plot writes a `<style>`
 * into each chart and the print view's stylesheet is one; CSS cannot run script.
 */
const APP_CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** An exported HTML page: its text and its inline stylesheet, nothing else. */
export const EXPORT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Protective headers on every response: pages, assets, the API, exports and errors. Tokens travel
 * in URLs (share links, calendar feeds), so no Referer may carry one to another site. A header a
 * route set itself (an export's stricter policy) is kept.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: APP_CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    // Calendar apps fetch the .ics feed from their own servers; other sites' pages may not embed our responses.
    crossOriginResourcePolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
    // same-origin (the default) everywhere but a document's page, which sets its own (client.ts).
    strictTransportSecurity: 'max-age=31536000',
    overwrite: false,
  });
}
