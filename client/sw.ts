/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  matchPrecache,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import {
  DOCUMENT_PAGE,
  DOCUMENT_PAGE_PATTERN,
  SERVER_ONLY_PATHS,
  documentPageFallback,
} from './sw-navigation.ts';
import { scriptsWithoutCodeCache } from './sw-script-responses.ts';

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
addPlugins([scriptsWithoutCodeCache]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// No navigation preload: the browser would send it for every navigation in scope, the sign-in
// redirects and callback included, and a navigation this worker leaves to the network then
// reached the server twice (the second use of a sign-in's state failed it).

const appShell = () => matchPrecache('/index.html');

/** The part of Chromium's static routing API (InstallEvent.addRoutes) used below; other browsers lack it. */
interface RoutingInstallEvent extends ExtendableEvent {
  addRoutes?(rule: {
    condition: { urlPattern: { pathname: string }; requestMode: 'navigate' };
    source: 'race-network-and-fetch-handler';
  }): Promise<void>;
}

// The browser itself sends a document's address to the server, racing the route below: the page's
// HTML then no longer waits for this worker to wake and pass it on (a second visit was slower
// than a first, tests/bench/client/README.md). Chromium gives the route's own fetch of the same
// request that response, so the server renders the page once. Offline, or when the server answers
// with a 5xx, Chromium uses the route's answer (the cached shell; service-worker-server-error.test.ts).
self.addEventListener('install', (event: RoutingInstallEvent) => {
  if (typeof event.addRoutes !== 'function') return;
  event.waitUntil(
    event
      .addRoutes({
        condition: { urlPattern: { pathname: DOCUMENT_PAGE_PATTERN }, requestMode: 'navigate' },
        source: 'race-network-and-fetch-handler',
      })
      // A browser that refuses the rule still has the route below.
      .catch(() => undefined),
  );
});

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
