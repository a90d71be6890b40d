import { Hono } from 'hono';
import type { StorageHealthMonitor } from '../storage/health-monitor.ts';

/**
 * For load balancers and process managers: 200 while the server serves and storage keeps what it
 * confirms; 503 with the reason once storage is lost, so traffic goes elsewhere and someone looks.
 */
export function healthRoutes(storageHealth: StorageHealthMonitor) {
  return new Hono().get('/healthz', (c) => {
    const health = storageHealth.current;
    const headers = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
    return health.ok
      ? c.body('ok', 200, headers)
      : c.body(`storage unavailable: ${health.reason}`, 503, headers);
  });
}
