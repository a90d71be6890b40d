import type { MiddlewareHandler } from 'hono';
import type { StorageHealthMonitor } from '../storage/health-monitor.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses every write while storage is lost (503, before the handler runs), so the server never
 * answers 201 for something it will not keep. Reads go on: what was stored can still be shown.
 */
export function refuseWritesWhileStorageLost(
  storageHealth: StorageHealthMonitor,
): MiddlewareHandler {
  return async (c, next) => {
    const health = storageHealth.current;
    if (health.ok || READS.has(c.req.method)) return next();
    c.header('retry-after', '5');
    return c.json(
      {
        error:
          'The server cannot save anything right now (its storage is unavailable); nothing was changed. Try again in a minute.',
      },
      503,
    );
  };
}
