import { Hono } from 'hono';

/** Liveness for load balancers and process managers: answers as soon as the process serves HTTP. */
export const healthRoutes = new Hono().get('/healthz', (c) => c.text('ok'));
