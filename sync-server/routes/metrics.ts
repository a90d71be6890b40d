import { Hono } from 'hono';
import type { RelayMetrics } from '../observability/metrics.ts';

/** Prometheus scrape endpoint: counts and timings only, nothing from any document. */
export function metricsRoutes(metrics: RelayMetrics) {
  return new Hono().get('/metrics', async (c) => c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }));
}
