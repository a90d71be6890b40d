import { Hono } from 'hono';
import { readBearer, sameSecret } from '../access/tokens.ts';
import type { RelayMetrics } from '../observability/metrics.ts';

/**
 * Prometheus scrape endpoint: counts and timings only, nothing from any document. Still, it tells
 * anyone how busy the district is and when, so it answers only a scraper that holds
 * `PATHWAYS_METRICS_TOKEN`, and is off when none is set.
 */
export function metricsRoutes(metrics: RelayMetrics, metricsToken: string | undefined) {
  return new Hono().get('/metrics', async (c) => {
    if (metricsToken === undefined)
      return c.json(
        {
          error:
            'Metrics are off on this server. Set PATHWAYS_METRICS_TOKEN and scrape with it as "Authorization: Bearer <token>".',
        },
        404,
      );
    if (!sameSecret(readBearer(c.req.header('authorization')), metricsToken)) {
      return c.json(
        {
          error:
            'Scraping metrics needs PATHWAYS_METRICS_TOKEN as "Authorization: Bearer <token>".',
        },
        401,
      );
    }
    return c.body(await metrics.registry.metrics(), 200, {
      'content-type': metrics.registry.contentType,
      'cache-control': 'no-store',
    });
  });
}
