import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { inProcessRateLimiters } from './access/rate-window.ts';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { createRelayMetrics } from './observability/metrics.ts';
import { Relay } from './relay/relay.ts';
import type { DocumentStore } from './storage/document-store.ts';
import { StorageHealthMonitor } from './storage/health-monitor.ts';
import { withLatency } from './storage/latency-store.ts';
import { openStore } from './storage/open-store.ts';

/**
 * A client that sends its headers or its request slowly holds a socket and memory for as long as
 * it likes unless the server stops it. Ten seconds for headers and thirty for a whole request are
 * ample for a school's Wi-Fi (our largest request is a few KiB); Node checks every second.
 * Websockets are not affected: once upgraded, a socket is no longer an HTTP request.
 */
const SLOW_CLIENT_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  connectionsCheckingInterval: 1_000,
};

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly relay: Relay;
  readonly store: DocumentStore;
  /** Stop accepting, flush and compact every room, close sockets with 1001, close storage. Idempotent. */
  stop(): Promise<void>;
}

/** Starts the whole server: storage, relay, REST and sync on one port. Resolves once it listens. */
export async function startServer(
  config: ServerConfig,
  options: { store?: DocumentStore; logger?: Logger } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger();
  const opened = options.store ?? (await openStore(config, logger));
  const store = config.storeLatencyMs > 0 ? withLatency(opened, config.storeLatencyMs) : opened;
  const metrics = createRelayMetrics();
  // ioredis loads only on a node that joins others: one machine's process does without it.
  const bus =
    config.redisUrl === undefined
      ? undefined
      : new (await import('./relay/redis-node-bus.ts')).RedisNodeBus(config.redisUrl, logger);
  // Nodes behind one load balancer share their rate limits, or N nodes would allow N times each.
  const sharedLimits =
    config.redisUrl === undefined
      ? undefined
      : new (await import('./access/redis-rate-window.ts')).RedisRateLimiters(
          config.redisUrl,
          logger,
        );
  const relay = new Relay({
    store,
    logger,
    metrics,
    maxMessageBytes: config.maxMessageBytes,
    commitIntervalMs: config.commitIntervalMs,
    roomGraceMs: config.roomGraceMs,
    ...(bus && { bus }),
  });
  const storageHealth = new StorageHealthMonitor(store, logger, {
    onLost: () => relay.suspend(),
    onRecovered: () => relay.resume(),
  });
  const { app, injectWebSocket } = createApp({
    store,
    relay,
    logger,
    metrics,
    adminToken: config.adminToken,
    metricsToken: config.metricsToken,
    maxMessageBytes: config.maxMessageBytes,
    storageHealth,
    rateLimiters: sharedLimits?.limiters ?? inProcessRateLimiters,
    identity: config.identity,
    firstScreenBudgetMs: config.firstScreenBudgetMs,
    trustedProxies: config.trustedProxies,
  });

  const { server, address } = await new Promise<{ server: ServerType; address: AddressInfo }>(
    (resolve, reject) => {
      const server = serve(
        {
          fetch: app.fetch,
          port: config.port,
          hostname: config.host,
          serverOptions: SLOW_CLIENT_TIMEOUTS,
        },
        (address) => resolve({ server, address }),
      );
      server.once('error', reject);
    },
  );
  injectWebSocket(server);
  storageHealth.start();

  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let stopping: Promise<void> | null = null;
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    relay,
    store,
    stop: () =>
      (stopping ??= (async () => {
        storageHealth.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await relay.shutdown();
        await bus?.close();
        await sharedLimits?.close();
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        await closed;
        await store.close();
      })()),
  };
}
