import type { DocumentStore } from './document-store.ts';

/**
 * Wraps a store so every call takes at least `latencyMs` longer, as a network database would.
 * For rehearsing a PostgreSQL deployment and for the durability tests: with an embedded store a
 * write finishes within the same tick as the relay's next step, so only added latency shows
 * whether anything reaches a client before it is stored. Set with `PATHWAYS_STORE_LATENCY_MS`.
 */
export function withLatency(store: DocumentStore, latencyMs: number): DocumentStore {
  const delay = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, latencyMs));
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return async (...args: unknown[]) => {
        await delay();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
