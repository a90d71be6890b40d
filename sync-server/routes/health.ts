import { Hono } from 'hono';

/** Liveness for load balancers and process managers: answers as soon as the process serves HTTP. */
export const healthRoutes = new Hono().get('/healthz', (c) => c.body('ok', 200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }));
