import type { WorkboxPlugin } from 'workbox-core';

/** A script among the precached assets (the app's hashed chunks and workbox-window). */
const SCRIPT_PATH = /\.m?js$/;

/**
 * Hands the page each precached script as a new response with the same bytes, status and headers
 * instead of Cache Storage's own. Chromium compiles a script that came straight from Cache Storage
 * and then, on that first visit, serializes a V8 code cache for it into the cache entry (about 30 ms
 * of the page's main thread for the document page's chunks); but for module scripts, which all of
 * ours are, it never reads that cache back (tests/bench/client/README.md, "A second visit's code
 * cache"), so a response of unknown provenance, for which Chromium keeps no code cache, costs nothing.
 */
export const scriptsWithoutCodeCache: WorkboxPlugin = {
  cachedResponseWillBeUsed: async ({ request, cachedResponse }) => {
    if (cachedResponse === undefined || !SCRIPT_PATH.test(new URL(request.url).pathname))
      return cachedResponse;
    // A blob of a cached body refers to the stored bytes; nothing is copied or read here.
    return new Response(await cachedResponse.blob(), {
      status: cachedResponse.status,
      statusText: cachedResponse.statusText,
      headers: cachedResponse.headers,
    });
  },
};
