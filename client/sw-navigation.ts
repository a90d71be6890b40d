import type { WorkboxPlugin } from 'workbox-core';

/** A document's own address (`/d/:doc`), which the server answers with its first screen. */
export const DOCUMENT_PAGE = /^\/d\/[^/]+\/?$/;

/** The same addresses as a URLPattern pathname, for the browser's own routing (sw.ts). */
export const DOCUMENT_PAGE_PATTERN = '/d/:doc{/}?';

/**
 * Addresses a navigation must always take to the server, never to the cached shell: the API,
 * sync, health and metrics, and the sign-in redirects and callback.
 */
export const SERVER_ONLY_PATHS = [/^\/api\//, /^\/sync\//, /^\/auth\//, /^\/healthz/, /^\/metrics/];

/**
 * The service worker's answer to a document's address when the server's is of no use: the
 * cached app shell when the network failed or timed out, or the server answered with a 5xx (a
 * restart, an overloaded node); the page then opens the document from this device. Any other
 * answer, a redirect or a refusal included, is the server's to give.
 */
export function documentPageFallback(appShell: () => Promise<Response | undefined>): WorkboxPlugin {
  return {
    handlerDidError: async () => (await appShell()) ?? Response.error(),
    handlerWillRespond: async ({ response }) =>
      response.status >= 500 ? ((await appShell()) ?? response) : response,
  };
}
