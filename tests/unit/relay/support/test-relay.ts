import pino from 'pino';
import { createRelayMetrics } from '../../../../sync-server/observability/metrics.ts';
import type { Clock } from '../../../../sync-server/relay/clock.ts';
import { Relay } from '../../../../sync-server/relay/relay.ts';
import type { DocumentStore } from '../../../../sync-server/storage/document-store.ts';

/** A relay on `store` as a test wants it: silent, committing as soon as it can, on `clock` if given. */
export function testRelay(store: DocumentStore, clock?: Clock): Relay {
  return new Relay({
    store,
    logger: pino({ level: 'silent' }),
    metrics: createRelayMetrics(),
    maxMessageBytes: 1 << 20,
    commitIntervalMs: 0,
    ...(clock === undefined ? {} : { clock }),
  });
}
