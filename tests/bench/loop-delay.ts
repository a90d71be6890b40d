import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';

/**
 * Requests that report how late this process's event loop ran since the last reset: a blocked
 * server (a synchronous fsync) or a saturated generator shows up here before anywhere else.
 * `busyShare` is the main thread's event-loop utilisation over the same span: the share of time
 * it ran code, which a worker thread's work does not count in and other processes' load moves less.
 */
export function loopDelayHandlers(): {
  'loop-delay:reset': () => void;
  'loop-delay': () => { p99Ms: number; maxMs: number; busyShare: number };
} {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let since: EventLoopUtilization = performance.eventLoopUtilization();
  return {
    'loop-delay:reset': () => {
      histogram.reset();
      since = performance.eventLoopUtilization();
    },
    'loop-delay': () => ({
      p99Ms: histogram.percentile(99) / 1e6,
      maxMs: histogram.max / 1e6,
      busyShare: performance.eventLoopUtilization(since).utilization,
    }),
  };
}
