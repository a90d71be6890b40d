import * as Y from 'yjs';

/**
 * Replicas of one document over a simulated network that delivers each replica's updates to
 * the others late, partially and out of order, as flaky school Wi-Fi does. Shuffles come from
 * a seeded generator, so a failing case replays exactly from fast-check's printed seed.
 */
export class ReplicaNetwork {
  readonly replicas: Y.Doc[];
  /** Updates each replica made itself, in the order it made them. */
  private readonly outboxes: Uint8Array[][];
  /** delivered[target][source]: which of source's updates target has received. */
  private readonly delivered: Set<number>[][];

  constructor(base: Y.Doc, count: number) {
    const state = Y.encodeStateAsUpdate(base);
    this.replicas = [];
    this.outboxes = [];
    this.delivered = [];
    for (let index = 0; index < count; index++) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state, this);
      const outbox: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== this) outbox.push(update);
      });
      this.replicas.push(doc);
      this.outboxes.push(outbox);
      this.delivered.push(Array.from({ length: count }, () => new Set<number>()));
    }
  }

  /** Delivers up to `limit` of source's undelivered updates to target, in a shuffled order. */
  deliver(source: number, target: number, limit: number, seed: number): void {
    if (source === target) return;
    const pending = this.outboxes[source]!.map((_, index) => index).filter(
      (index) => !this.delivered[target]![source]!.has(index),
    );
    for (const index of shuffle(pending, seed).slice(0, limit)) {
      Y.applyUpdate(this.replicas[target]!, this.outboxes[source]![index]!, this);
      this.delivered[target]![source]!.add(index);
    }
  }

  /** Everything to everyone, each stream shuffled: the moment every laptop is back online. */
  deliverAll(seed: number): void {
    this.replicas.forEach((_, target) => {
      this.replicas.forEach((__, source) =>
        this.deliver(source, target, Number.POSITIVE_INFINITY, seed + source * 31 + target),
      );
    });
  }
}

/** Fisher–Yates with mulberry32: small, seeded, good enough for test shuffles. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
