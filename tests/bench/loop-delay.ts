import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Requests that report how late this process's event loop ran since the last reset: a blocked
 * server (a synchronous fsync) or a saturated generator shows up here before anywhere else.
 */
export function loopDelayHandlers(): { 'loop-delay:reset': () => void; 'loop-delay': () => { p99Ms: number; maxMs: number } } {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return {
    'loop-delay:reset': () => histogram.reset(),
    'loop-delay': () => ({ p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 }),
  };
}
