import { describe, expect, test } from 'vitest';
import { waitForLivePage } from '../support/browser.ts';
import { useBrowserScene } from '../support/browser-scene.ts';
import { firstVisitUnderWorker } from '../support/service-worker-visit.ts';

/**
 * Issue 21: Chromium writes a V8 code cache for a script that reached the page straight from Cache
 * Storage, on the first visit that runs it, but never reads one back for a module script; the
 * service worker hands its precached scripts over as new responses (client/sw-script-responses.ts),
 * so a second visit does not pay for writing it.
 */
const scene = useBrowserScene({ PATHWAYS_FIRST_SCREEN_BUDGET_MS: '10000' });

interface TraceEvent {
  readonly name: string;
  readonly args?: {
    readonly data?: { readonly url?: string; readonly producedCacheSize?: number };
  };
}

describe("a second visit's scripts", () => {
  test('come from the service worker and are compiled without writing a code cache', async () => {
    const { url, first } = await firstVisitUnderWorker(scene, 'Code cache plan');
    const browserSession = await scene.browser.newBrowserCDPSession();
    const events: TraceEvent[] = [];
    browserSession.on('Tracing.dataCollected', ({ value }) =>
      events.push(...(value as unknown as TraceEvent[])),
    );
    await browserSession.send('Tracing.start', {
      traceConfig: { includedCategories: ['v8', 'disabled-by-default-v8.compile'] },
      transferMode: 'ReportEvents',
    });

    const warm = await first.context.newPage();
    await warm.goto(url);
    await waitForLivePage(warm);
    await expect
      .poll(() => warm.locator('.status').textContent(), { timeout: 15_000 })
      .toContain('All changes synced');
    const scriptsThroughWorker = await warm.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => /\/assets\/.*\.js$/.test(entry.name))
        .map((entry) => (entry as PerformanceResourceTiming).workerStart > 0),
    );
    const finished = new Promise<void>((resolve) =>
      browserSession.once('Tracing.tracingComplete', () => resolve()),
    );
    await browserSession.send('Tracing.end');
    await finished;

    expect(scriptsThroughWorker.length).toBeGreaterThan(0);
    expect(scriptsThroughWorker.every(Boolean)).toBe(true);
    const appScript = (event: TraceEvent) => event.args?.data?.url?.includes('/assets/') === true;
    // The same trace sees the app's modules compiled, so an absent cache write is not a blind spot.
    expect(
      events.filter((event) => event.name === 'v8.compileModule' && appScript(event)).length,
    ).toBeGreaterThan(0);
    const cachesWritten = events.filter(
      (event) =>
        event.name === 'v8.produceModuleCache' &&
        appScript(event) &&
        (event.args?.data?.producedCacheSize ?? 0) > 0,
    );
    expect(cachesWritten.map((event) => event.args?.data?.url)).toEqual([]);
    await first.context.close();
  });
});
