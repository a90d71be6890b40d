import { createNodeWebSocket, type NodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from './observability/logger.ts';
import type { RelayMetrics } from './observability/metrics.ts';
import type { Relay } from './relay/relay.ts';
import { documentRoutes } from './routes/documents.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { clientRoutes } from './routes/client.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { syncRoutes } from './routes/sync.ts';
import { templateRoutes } from './routes/templates.ts';
import { versionRoutes } from './routes/versions.ts';
import { workspaceRoutes } from './routes/workspaces.ts';
import type { DocumentStore } from './storage/document-store.ts';

export interface AppDependencies {
  readonly store: DocumentStore;
  readonly relay: Relay;
  readonly logger: Logger;
  readonly metrics: RelayMetrics;
  readonly adminToken: string | undefined;
  readonly maxMessageBytes: number;
}

/**
 * The HTTP application: small route modules mounted on one Hono app, JSON errors a person can
 * act on, and the websocket endpoint. Returns the hook that attaches websockets to the server.
 */
export function createApp(deps: AppDependencies): { app: Hono; injectWebSocket: NodeWebSocket['injectWebSocket'] } {
  const app = new Hono();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // ws closes a larger frame itself, with 1009 "Message Too Big", before the relay sees it.
  wss.options.maxPayload = deps.maxMessageBytes;

  app.route('/', healthRoutes);
  app.route('/', metricsRoutes(deps.metrics));
  app.route('/', templateRoutes);
  app.route('/', workspaceRoutes(deps.store, deps.relay, deps.adminToken));
  app.route('/', documentRoutes(deps.store));
  app.route('/', exportRoutes(deps.store, deps.relay));
  app.route('/', versionRoutes(deps.store, deps.relay));
  app.route('/', syncRoutes(deps.store, deps.relay, upgradeWebSocket));
  app.route('/', clientRoutes());
  app.notFound((c) => c.json({ error: `Nothing at ${c.req.path}.` }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    deps.logger.error({ error, path: c.req.path }, 'request failed');
    return c.json({ error: 'Something went wrong on the server; it has been logged.' }, 500);
  });
  return { app, injectWebSocket };
}
