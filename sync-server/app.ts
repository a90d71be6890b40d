import { createNodeWebSocket, type NodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { Logger } from './observability/logger.ts';
import type { RelayMetrics } from './observability/metrics.ts';
import type { Relay } from './relay/relay.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './auth/auth-routes.ts';
import type { IdentityConfig } from './auth/identity-config.ts';
import { sessionCookie } from './auth/session-cookie.ts';
import { readSessions } from './auth/session-middleware.ts';
import { peopleRoutes } from './routes/people.ts';
import { memberRoutes } from './routes/members.ts';
import { documentRoutes } from './routes/documents.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { CLIENT_DIR, clientRoutes } from './routes/client.ts';
import { firstScreenRenderer } from './routes/first-screen.ts';
import { meetingOccurrenceRoutes } from './routes/meeting-occurrences.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { schoolCalendarRoutes } from './routes/school-calendars.ts';
import { surveyAnswerRoutes } from './routes/survey-answers.ts';
import { joinLinkRoutes } from './routes/join-links.ts';
import { surveyLinkRoutes } from './routes/survey-links.ts';
import { syncRoutes } from './routes/sync.ts';
import { templateRoutes } from './routes/templates.ts';
import { versionRoutes } from './routes/versions.ts';
import { workspaceRoutes } from './routes/workspaces.ts';
import type { RateLimiters } from './access/rate-window.ts';
import type { DocumentStore } from './storage/document-store.ts';
import type { StorageHealthMonitor } from './storage/health-monitor.ts';
import { CLOSE } from './relay/close-codes.ts';
import { limitRequestBodies } from './routes/body-limits.ts';
import { securityHeaders } from './routes/security-headers.ts';
import { refuseWritesWhileStorageLost } from './routes/storage-guard.ts';

/**
 * @hono/node-ws reports socket errors as `new ErrorEvent(…)`, which Node 20 lacks; without it
 * the report itself throws and the error bypasses our logger (honojs/middleware#784).
 */
function installErrorEvent(): void {
  if ('ErrorEvent' in globalThis) return;
  class NodeErrorEvent extends Event {
    readonly error: unknown;
    readonly message: string;
    constructor(type: string, init: { error?: unknown; message?: string } = {}) {
      super(type);
      this.error = init.error;
      this.message = init.message ?? (init.error instanceof Error ? init.error.message : '');
    }
  }
  Object.assign(globalThis, { ErrorEvent: NodeErrorEvent });
}

export interface AppDependencies {
  readonly store: DocumentStore;
  readonly relay: Relay;
  readonly logger: Logger;
  readonly metrics: RelayMetrics;
  readonly adminToken: string | undefined;
  readonly metricsToken: string | undefined;
  readonly maxMessageBytes: number;
  readonly storageHealth: StorageHealthMonitor;
  /** Where the routes' rate limits count: this process, or Redis shared by every node. */
  readonly rateLimiters: RateLimiters;
  /** District sign-in; without it only share links open workspaces. */
  readonly identity?: IdentityConfig | undefined;
  /** How long a share link's page waits for its first screen; the default when not given. */
  readonly firstScreenBudgetMs?: number;
  /** Proxies whose X-Forwarded-For is believed (access/client-address.ts); none when not given. */
  readonly trustedProxies?: ReadonlySet<string>;
}

/**
 * The HTTP application: small route modules mounted on one Hono app, JSON errors a person can
 * act on, and the websocket endpoint. Returns the hook that attaches websockets to the server.
 */
export function createApp(deps: AppDependencies): {
  app: Hono;
  injectWebSocket: NodeWebSocket['injectWebSocket'];
} {
  const app = new Hono();
  installErrorEvent();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // ws closes a larger frame itself, with 1009 "Message Too Big", before the relay sees it, and
  // without a reason; give it ours so the client can tell a person what happened.
  wss.options.maxPayload = deps.maxMessageBytes;
  wss.on('connection', (socket) => {
    const close = socket.close.bind(socket);
    socket.close = (code?: number, reason?: string | Buffer) =>
      close(code, code === CLOSE.tooLarge.code && !reason ? CLOSE.tooLarge.reason : reason);
  });

  // Headers first, so every response gets them, errors and 413s included.
  app.use('*', securityHeaders());
  app.use('*', limitRequestBodies());
  // Each request's id goes into the audit events it writes (and back to the client as X-Request-Id).
  app.use('*', requestId({ limitLength: 100 }));
  const cookie = deps.identity === undefined ? undefined : sessionCookie(deps.identity.publicUrl);
  if (cookie !== undefined) app.use('*', readSessions(deps.store, cookie));
  app.use('/api/*', refuseWritesWhileStorageLost(deps.storageHealth));
  app.route('/', healthRoutes(deps.storageHealth));
  app.route('/', metricsRoutes(deps.metrics, deps.metricsToken));
  app.route('/', templateRoutes);
  app.route('/', workspaceRoutes(deps.store, deps.relay, deps.adminToken));
  app.route('/', documentRoutes(deps.store, deps.relay));
  app.route('/', auditRoutes(deps.store));
  app.route('/', authRoutes(deps.store, deps.identity, cookie, deps.logger));
  app.route('/', memberRoutes(deps.store, deps.relay));
  app.route('/', peopleRoutes(deps.store, deps.relay));
  app.route('/', meetingOccurrenceRoutes(deps.store, deps.relay));
  app.route('/', schoolCalendarRoutes(deps.store, deps.relay));
  app.route('/', exportRoutes(deps.store, deps.relay));
  app.route('/', versionRoutes(deps.store, deps.relay));
  app.route('/', surveyLinkRoutes(deps.store, deps.relay));
  app.route(
    '/',
    joinLinkRoutes(deps.store, deps.relay, deps.rateLimiters, deps.trustedProxies ?? new Set()),
  );
  app.route('/', surveyAnswerRoutes(deps.store, deps.relay, deps.logger, deps.rateLimiters));
  app.route(
    '/',
    syncRoutes(
      deps.store,
      deps.relay,
      upgradeWebSocket,
      deps.logger,
      deps.storageHealth,
      deps.identity && new URL(deps.identity.publicUrl).origin,
    ),
  );
  app.route(
    '/',
    clientRoutes(CLIENT_DIR, firstScreenRenderer(deps.store, deps.relay), deps.firstScreenBudgetMs),
  );
  app.notFound((c) => c.json({ error: `Nothing at ${c.req.path}.` }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return c.json({ error: error.message }, error.status);
    // A survey link's token is its path: keep it out of the logs.
    deps.logger.error(
      { error, path: c.req.path.replace(/^\/(api\/survey|s)\/[^/]+/, '/$1/…') },
      'request failed',
    );
    return c.json({ error: 'Something went wrong on the server; it has been logged.' }, 500);
  });
  return { app, injectWebSocket };
}
