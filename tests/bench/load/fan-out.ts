import * as Y from 'yjs';
import {
  connectClient,
  withTimeout,
  type BenchClient,
  type RoomRef,
  type Target,
} from './clients.ts';

export interface FanOutConnect {
  readonly target: Target;
  readonly rooms: readonly RoomRef[];
  readonly clientsPerRoom: number;
}

export interface FanOutTyping {
  readonly typistsPerRoom: number;
  readonly keysPerSecond: number;
  readonly seconds: number;
  /** Longest wait after the last keystroke for deliveries still in flight. */
  readonly drainMs: number;
}

export interface FanOutResult {
  readonly keystrokes: number;
  readonly expectedDeliveries: number;
  readonly deliveries: number;
  /** End-to-end milliseconds, one per delivery: typist's local change to a peer's observe. */
  readonly latencies: Float64Array;
  /** For each delivery, when its keystroke was typed, in ms since the window opened. */
  readonly typedAt: Float64Array;
  readonly drops: number;
  /** This generator's own CPU over the typing window, and the window's length. */
  readonly generatorCpuMs: number;
  readonly wallMs: number;
}

/** Clients connected per batch: a herd of 500 simultaneous handshakes measures nothing useful. */
const CONNECT_BATCH = 25;

/**
 * One generator's share of the fan-out load: whole rooms, so a typist and every reader of its
 * room share this process's clock. A keystroke's send time is keyed by the Yjs id its character
 * gets ("client:clock"); every other client looks up the ids each remote transaction added.
 */
export class FanOutLoad {
  private readonly rooms: BenchClient[][] = [];
  private readonly sentAt = new Map<string, number>();
  private latencies = new Float64Array(1024);
  private typedAt = new Float64Array(1024);
  private windowStart = 0;
  private deliveries = 0;

  async connect({
    target,
    rooms,
    clientsPerRoom,
  }: FanOutConnect): Promise<{ clients: number; connectMs: number }> {
    const started = performance.now();
    const all: BenchClient[] = [];
    for (const room of rooms) {
      const clients: BenchClient[] = [];
      for (let i = 0; i < clientsPerRoom; i++)
        clients.push(this.observe(connectClient(target, room)));
      this.rooms.push(clients);
      all.push(...clients);
    }
    for (let i = 0; i < all.length; i += CONNECT_BATCH) {
      await withTimeout(
        Promise.all(all.slice(i, i + CONNECT_BATCH).map((client) => client.synced)),
        `clients ${i}–${i + CONNECT_BATCH} to sync`,
        60_000,
      );
    }
    return { clients: all.length, connectMs: performance.now() - started };
  }

  private observe(client: BenchClient): BenchClient {
    // The new ids of a remote transaction are the clock ranges between its before and after
    // state vectors (YTextEvent.changes.added is always empty, so it cannot be used). This runs
    // right after the transaction's observers, at the moment the reader's text has the keystroke.
    client.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.local) return;
      const now = performance.now();
      for (const [clientId, after] of transaction.afterState) {
        for (let clock = transaction.beforeState.get(clientId) ?? 0; clock < after; clock++) {
          const sent = this.sentAt.get(`${clientId}:${clock}`);
          if (sent !== undefined) this.record(sent, now - sent);
        }
      }
    });
    return client;
  }

  private record(sent: number, latency: number): void {
    if (this.deliveries === this.latencies.length) {
      const grow = (from: Float64Array) => {
        const grown = new Float64Array(from.length * 2);
        grown.set(from);
        return grown;
      };
      this.latencies = grow(this.latencies);
      this.typedAt = grow(this.typedAt);
    }
    this.typedAt[this.deliveries] = sent - this.windowStart;
    this.latencies[this.deliveries++] = latency;
  }

  /** Types for `seconds` on a fixed schedule (bounded count per typist), then drains. */
  async type({
    typistsPerRoom,
    keysPerSecond,
    seconds,
    drainMs,
  }: FanOutTyping): Promise<FanOutResult> {
    // Each call is its own window: the warm-up's figures must not leak into the measured one.
    this.deliveries = 0;
    this.sentAt.clear();
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    this.windowStart = started;
    const periodMs = 1000 / keysPerSecond;
    const perTypist = Math.round(seconds * keysPerSecond);
    let keystrokes = 0;
    let expectedDeliveries = 0;
    const typists: Promise<void>[] = [];
    for (const clients of this.rooms) {
      for (const typist of clients.slice(0, typistsPerRoom)) {
        const phase = Math.random() * periodMs;
        typists.push(
          (async () => {
            for (let n = 0; n < perTypist; n++) {
              // Due times are absolute, so a late timer does not shift the rest of the schedule.
              const wait = started + phase + n * periodMs - performance.now();
              if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
              this.sentAt.set(
                `${typist.doc.clientID}:${Y.getState(typist.doc.store, typist.doc.clientID)}`,
                performance.now(),
              );
              typist.text.insert(typist.text.length, String.fromCharCode(97 + (n % 26)));
              keystrokes++;
              expectedDeliveries += clients.length - 1;
            }
          })(),
        );
      }
    }
    await Promise.all(typists);
    const drainUntil = performance.now() + drainMs;
    while (this.deliveries < expectedDeliveries && performance.now() < drainUntil)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const cpu = process.cpuUsage(cpuStart);
    return {
      keystrokes,
      expectedDeliveries,
      deliveries: this.deliveries,
      latencies: this.latencies.slice(0, this.deliveries),
      typedAt: this.typedAt.slice(0, this.deliveries),
      drops: this.rooms.flat().reduce((sum, client) => sum + client.drops(), 0),
      generatorCpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - started,
    };
  }

  close(): void {
    for (const client of this.rooms.flat()) client.destroy();
    this.rooms.length = 0;
  }
}
