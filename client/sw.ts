/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  matchPrecache,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { DOCUMENT_PAGE, SERVER_ONLY_PATHS, documentPageFallback } from './sw-navigation.ts';

declare const self: ServiceWorkerGlobalScope;

/**
 * How long a document's address waits for the server before the cached app shell opens it
 * instead: long enough for a server that renders the first screen on a busy machine, short enough
 * that a stalled school network does not hold the page.
 */
const DOCUMENT_PAGE_TIMEOUT_SECONDS = 3;

// Take over the open page at once, so the first visit already works offline.
void self.skipWaiting();
clientsClaim();
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// No navigation preload: the browser would send it for every navigation in scope, the sign-in
// redirects and callback included, and a navigation this worker leaves to the network then
// reached the server twice (the second use of a sign-in's state failed it).

const appShell = () => matchPrecache('/index.html');

// A document's address comes from the server (its first screen, rendered from the stored
// document), never from a cache: the page holds the document and the link's token. The cached
// shell opens it offline, when the server fails, or when it is slow to answer.
registerRoute(
  new NavigationRoute(
    new NetworkOnly({
      networkTimeoutSeconds: DOCUMENT_PAGE_TIMEOUT_SECONDS,
      plugins: [documentPageFallback(appShell)],
    }),
    { allowlist: [DOCUMENT_PAGE] },
  ),
);

// Every other page opens from the cached shell; the API, sync and sign-in always reach the server.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: SERVER_ONLY_PATHS }),
);
