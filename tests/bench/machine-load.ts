import { readFileSync } from 'node:fs';

/** Milliseconds per clock tick in /proc/stat (USER_HZ, 100 on Linux). */
const MS_PER_TICK = 10;

/**
 * CPU time every core has spent busy since boot, from /proc/stat; null where there is none.
 * Compared with the benchmark's own processes over a window, it shows how much CPU something
 * else on the machine took meanwhile (a test run in another shell skews every figure).
 */
export function readMachineBusyMs(): number | null {
  let stat: string;
  try {
    stat = readFileSync('/proc/stat', 'utf8');
  } catch {
    return null;
  }
  const fields = /^cpu\s+(.*)$/m.exec(stat)?.[1]?.trim().split(/\s+/).map(Number);
  if (fields === undefined || fields.length < 5) return null;
  // user nice system idle iowait irq softirq steal…: busy is everything but idle and iowait.
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return (total - fields[3]! - fields[4]!) * MS_PER_TICK;
}

/**
 * Waits, up to `maxWaitMs`, for a one-second window in which the whole machine was busy for
 * less than `busyShare` of one core (before a server's loads start, so the machine is ours).
 * Resolves with the busy share of the last window; the caller reports it if still high.
 */
export async function waitForQuietMachine(
  maxWaitMs: number,
  busyShare = 0.2,
): Promise<number | null> {
  const deadline = performance.now() + maxWaitMs;
  for (;;) {
    const before = readMachineBusyMs();
    if (before === null) return null;
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const share = (readMachineBusyMs()! - before) / (performance.now() - started);
    if (share < busyShare || performance.now() > deadline) return share;
  }
}
