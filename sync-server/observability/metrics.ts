import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one server process; served at GET /metrics. */
export function createRelayMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    rooms: new Gauge({
      name: 'pathways_rooms',
      help: 'Documents open in memory',
      registers: [registry],
    }),
    sockets: new Gauge({
      name: 'pathways_sockets',
      help: 'Open sync sockets',
      registers: [registry],
    }),
    updates: new Counter({
      name: 'pathways_updates_total',
      help: 'Document updates stored and relayed',
      registers: [registry],
    }),
    updateBytes: new Counter({
      name: 'pathways_update_bytes_total',
      help: 'Bytes of document updates stored',
      registers: [registry],
    }),
    deliveredMessages: new Counter({
      name: 'pathways_delivered_messages_total',
      help: 'Messages sent to clients',
      registers: [registry],
    }),
    rejectedFrames: new Counter({
      name: 'pathways_rejected_frames_total',
      help: 'Frames that closed their socket',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    ignoredViewerUpdates: new Counter({
      name: 'pathways_ignored_viewer_updates_total',
      help: 'Updates from read-only sockets, dropped',
      registers: [registry],
    }),
    staleAwareness: new Counter({
      name: 'pathways_stale_awareness_total',
      help: 'Awareness entries dropped as already seen',
      registers: [registry],
    }),
    foreignAwareness: new Counter({
      name: 'pathways_foreign_awareness_total',
      help: "Awareness entries dropped for speaking for another socket's client",
      registers: [registry],
    }),
    pausedSockets: new Counter({
      name: 'pathways_paused_sockets_total',
      help: 'Times a socket was paused for backpressure',
      registers: [registry],
    }),
    compactions: new Counter({
      name: 'pathways_compactions_total',
      help: 'Update logs compacted into snapshots',
      registers: [registry],
    }),
    persistSeconds: new Histogram({
      name: 'pathways_persist_seconds',
      help: 'Time to make one batch of updates durable',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    loadSeconds: new Histogram({
      name: 'pathways_load_seconds',
      help: 'Time to load a document from storage',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
      registers: [registry],
    }),
  };
}

export type RelayMetrics = ReturnType<typeof createRelayMetrics>;
