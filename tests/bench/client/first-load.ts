import type { Browser, BrowserContext } from 'playwright-core';
import { readMachineBusyMs } from '../machine-load.ts';
import { documentPath, type BenchDocument } from './documents.ts';
import {
  installProbe,
  readLoadMarks,
  readProbeWindow,
  waitForLoadMarks,
  waitForPageCondition,
} from './page-probe.ts';

/** One timed visit. Times are in ms from the call to page.goto. */
export interface LoadSample {
  /** page.goto called → the page's time origin (navigation start). */
  readonly originMs: number;
  /** → the document's first content painted: the server's first screen, else the editor. */
  readonly firstScreenMs: number;
  /** Cumulative layout shift from navigation until the page had loaded and synced. */
  readonly layoutShift: number;
  /** → the first editable .ProseMirror with a size, at the end of the next frame. */
  readonly editorMs: number;
  /** → the status first reads "All changes synced", at the end of the next frame. */
  readonly syncedMs: number;
  /** Long tasks (over 50 ms) that started before the editor was painted: the work the page did to show it. */
  readonly longTasksBeforeEditor: {
    readonly count: number;
    readonly totalMs: number;
    readonly maxMs: number;
  };
  readonly navigation: NavigationReading;
}

/** Read from `performance` once the page has loaded; times from navigation start. */
export interface NavigationReading {
  readonly responseEndMs: number;
  readonly domContentLoadedMs: number;
  readonly loadEventEndMs: number;
  /** The document itself came from the service worker. */
  readonly fromServiceWorker: boolean;
  /** Script files: bytes over the network (0 when from a cache), and bytes after decoding. */
  readonly jsTransferredBytes: number;
  readonly jsDecodedBytes: number;
  readonly jsFiles: number;
}

export interface FirstLoadResult {
  readonly document: string;
  readonly cold: readonly LoadSample[];
  readonly warm: readonly LoadSample[];
  /** The load floor's cold visits (floor-page/), alternating with ours; empty when not measured. */
  readonly floor: readonly LoadSample[];
  /** The whole machine's CPU over all the runs, in cores; null without /proc/stat. */
  readonly machineCores: number | null;
}

const NAVIGATION_READING = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const scripts = performance.getEntriesByType('resource').filter((r) => /\\.m?js(\\?|$)/.test(r.name));
  return {
    responseEndMs: nav.responseEnd,
    domContentLoadedMs: nav.domContentLoadedEventEnd,
    loadEventEndMs: nav.loadEventEnd,
    fromServiceWorker: nav.workerStart > 0,
    jsTransferredBytes: scripts.reduce((sum, r) => sum + r.transferSize, 0),
    jsDecodedBytes: scripts.reduce((sum, r) => sum + r.decodedBodySize, 0),
    jsFiles: scripts.length,
  };
})()`;

/** How long a primed context rests before its timed visit. */
const PRIMED_SETTLE_MS = 1000;

/** Every wait in a visit is bounded by this; a 200-row document on a busy machine needs a few seconds. */
const VISIT_TIMEOUT_MS = 60_000;

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await installProbe(context);
  return context;
}

/** Opens the document in a new tab of `context` and times it; the tab is closed afterwards. */
async function visit(context: BrowserContext, url: string): Promise<LoadSample> {
  const page = await context.newPage();
  try {
    const loaded = waitForLoadMarks(page, VISIT_TIMEOUT_MS);
    const calledAt = Date.now();
    await page.goto(url, { waitUntil: 'commit', timeout: VISIT_TIMEOUT_MS });
    const marks = await loaded;
    await waitForPageCondition(page, 'document.readyState === "complete"', VISIT_TIMEOUT_MS, 50);
    // loadEventEnd is only set once the load handlers have returned.
    await page.evaluate('new Promise((resolve) => setTimeout(resolve, 0))');
    const timeOrigin = (await page.evaluate('performance.timeOrigin')) as number;
    const originMs = timeOrigin - calledAt;
    const { layoutShift } = await readLoadMarks(page);
    const tasks = (await readProbeWindow(page, 0)).longTasks.filter(
      (task) => task.start < marks.editorPainted!,
    );
    return {
      originMs,
      firstScreenMs: originMs + (marks.contentPainted ?? marks.editorPainted!),
      layoutShift: layoutShift ?? 0,
      editorMs: originMs + marks.editorPainted!,
      syncedMs: originMs + marks.syncedPainted!,
      longTasksBeforeEditor: {
        count: tasks.length,
        totalMs: tasks.reduce((sum, task) => sum + task.duration, 0),
        maxMs: Math.max(0, ...tasks.map((task) => task.duration)),
      },
      navigation: (await page.evaluate(NAVIGATION_READING)) as NavigationReading,
    };
  } finally {
    await page.close();
  }
}

/**
 * A first visit whose service worker has taken control and precached the app, and whose copy
 * of the document is in IndexedDB: what a second visit starts from.
 */
async function prime(context: BrowserContext, url: string, documentId: string): Promise<void> {
  const page = await context.newPage();
  try {
    const loaded = waitForLoadMarks(page, VISIT_TIMEOUT_MS);
    await page.goto(url, { waitUntil: 'commit', timeout: VISIT_TIMEOUT_MS });
    await loaded;
    // With clientsClaim and skipWaiting, an active worker has finished precaching.
    await waitForPageCondition(
      page,
      'navigator.serviceWorker.controller !== null',
      VISIT_TIMEOUT_MS,
      50,
    );
    await page.evaluate('navigator.serviceWorker.ready.then(() => undefined)');
    // y-indexeddb writes the synced state asynchronously; wait until it is there.
    await waitForPageCondition(
      page,
      `new Promise((resolve) => {
        const request = indexedDB.open(${JSON.stringify(`pathways:${documentId}`)});
        request.onerror = () => resolve(false);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('updates')) { db.close(); resolve(false); return; }
          const count = db.transaction('updates').objectStore('updates').count();
          count.onsuccess = () => { db.close(); resolve(count.result > 0); };
          count.onerror = () => { db.close(); resolve(false); };
        };
      })`,
      VISIT_TIMEOUT_MS,
      100,
    );
    // The worker has just finished installing (it registers once the first visit is idle) and
    // still writes its caches: the timed visit is a later one, not one in the same second.
    await page.waitForTimeout(PRIMED_SETTLE_MS);
  } finally {
    await page.close();
  }
}

/**
 * Cold: a fresh browser context (no HTTP cache, no service worker, no IndexedDB) per run.
 * Warm: a fresh context primed by one visit, then the timed second visit. Floor: the load floor
 * (floor-page/) opening the same document, cold. The three alternate so that drift on the
 * machine spreads over all of them.
 */
export async function runFirstLoad(
  browser: Browser,
  baseUrl: string,
  document: BenchDocument,
  runs: number,
  onProgress: (line: string) => void,
  floorUrl: string | null = null,
): Promise<FirstLoadResult> {
  const url = new URL(documentPath(document), baseUrl).href;
  const cold: LoadSample[] = [];
  const warm: LoadSample[] = [];
  const floor: LoadSample[] = [];
  const busyBefore = readMachineBusyMs();
  const startedAt = performance.now();
  for (let run = 0; run < runs; run++) {
    const coldContext = await newContext(browser);
    try {
      cold.push(await visit(coldContext, url));
    } finally {
      await coldContext.close();
    }
    if (floorUrl !== null) {
      const floorContext = await newContext(browser);
      try {
        floor.push(await visit(floorContext, floorUrl));
      } finally {
        await floorContext.close();
      }
    }
    const warmContext = await newContext(browser);
    try {
      await prime(warmContext, url, document.id);
      warm.push(await visit(warmContext, url));
    } finally {
      await warmContext.close();
    }
    const floorNote = floorUrl === null ? '' : `, floor ${Math.round(floor.at(-1)!.editorMs)} ms`;
    onProgress(
      `run ${run + 1}/${runs}: cold ${Math.round(cold.at(-1)!.editorMs)} / ${Math.round(cold.at(-1)!.syncedMs)} ms, warm ${Math.round(warm.at(-1)!.editorMs)} / ${Math.round(warm.at(-1)!.syncedMs)} ms${floorNote}`,
    );
  }
  const busyAfter = readMachineBusyMs();
  const machineCores =
    busyBefore === null || busyAfter === null
      ? null
      : (busyAfter - busyBefore) / (performance.now() - startedAt);
  return { document: document.label, cold, warm, floor, machineCores };
}
