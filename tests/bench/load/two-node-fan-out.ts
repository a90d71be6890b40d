import * as Y from 'yjs';
import {
  connectClient,
  withTimeout,
  type BenchClient,
  type RoomRef,
  type Target,
} from './clients.ts';
import type { FanOutTyping } from './fan-out.ts';

/** One room of a topology: its document and, per client, the node (index into `targets`) it joins. */
export interface TwoNodeRoom {
  readonly room: RoomRef;
  readonly clientNodes: readonly number[];
}

export interface TwoNodeConnect {
  readonly targets: readonly Target[];
  readonly rooms: readonly TwoNodeRoom[];
}

export interface TwoNodeResult {
  readonly keystrokes: number;
  readonly expectedDeliveries: number;
  /** Milliseconds from a typist's change to a reader's, split by whether both joined the same node. */
  readonly sameNode: Float64Array;
  readonly crossNode: Float64Array;
  readonly drops: number;
  /** Rooms whose clients all hold the same document once typing and draining are over. */
  readonly convergedRooms: number;
  readonly rooms: number;
}

interface NodeClient {
  readonly client: BenchClient;
  readonly node: number;
}

const CONNECT_BATCH = 25;

/**
 * The fan-out load with each client on a chosen node: a delivery is same-node when the typist
 * and the reader joined the same relay, cross-node when it went through Redis. Whole rooms stay
 * in one generator, so typist and readers share its clock.
 */
export class TwoNodeFanOutLoad {
  private readonly rooms: NodeClient[][] = [];
  private readonly sentAt = new Map<string, { at: number; node: number }>();
  private sameNode: number[] = [];
  private crossNode: number[] = [];

  async connect({ targets, rooms }: TwoNodeConnect): Promise<{ clients: number }> {
    const all: BenchClient[] = [];
    for (const { room, clientNodes } of rooms) {
      const clients = clientNodes.map((node) => ({
        client: this.observe(connectClient(targets[node]!, room), node),
        node,
      }));
      this.rooms.push(clients);
      all.push(...clients.map(({ client }) => client));
    }
    for (let i = 0; i < all.length; i += CONNECT_BATCH) {
      await withTimeout(
        Promise.all(all.slice(i, i + CONNECT_BATCH).map((client) => client.synced)),
        `clients ${i}–${i + CONNECT_BATCH} to sync`,
        60_000,
      );
    }
    return { clients: all.length };
  }

  private observe(client: BenchClient, node: number): BenchClient {
    // As in FanOutLoad: the ids a remote transaction added are its before/after state difference.
    client.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.local) return;
      const now = performance.now();
      for (const [clientId, after] of transaction.afterState) {
        for (let clock = transaction.beforeState.get(clientId) ?? 0; clock < after; clock++) {
          const sent = this.sentAt.get(`${clientId}:${clock}`);
          if (sent !== undefined)
            (sent.node === node ? this.sameNode : this.crossNode).push(now - sent.at);
        }
      }
    });
    return client;
  }

  /** Types on a fixed schedule (bounded count per typist), drains, then checks each room converged. */
  async type({
    typistsPerRoom,
    keysPerSecond,
    seconds,
    drainMs,
  }: FanOutTyping): Promise<TwoNodeResult> {
    this.sameNode = [];
    this.crossNode = [];
    this.sentAt.clear();
    const started = performance.now();
    const periodMs = 1000 / keysPerSecond;
    const perTypist = Math.round(seconds * keysPerSecond);
    let keystrokes = 0;
    let expectedDeliveries = 0;
    const typists: Promise<void>[] = [];
    for (const clients of this.rooms) {
      for (const { client: typist, node } of clients.slice(0, typistsPerRoom)) {
        const phase = Math.random() * periodMs;
        typists.push(
          (async () => {
            for (let n = 0; n < perTypist; n++) {
              const wait = started + phase + n * periodMs - performance.now();
              if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
              this.sentAt.set(
                `${typist.doc.clientID}:${Y.getState(typist.doc.store, typist.doc.clientID)}`,
                { at: performance.now(), node },
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
    const delivered = (): number => this.sameNode.length + this.crossNode.length;
    const drainUntil = performance.now() + drainMs;
    while (
      (delivered() < expectedDeliveries || this.countConverged() < this.rooms.length) &&
      performance.now() < drainUntil
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return {
      keystrokes,
      expectedDeliveries,
      sameNode: Float64Array.from(this.sameNode),
      crossNode: Float64Array.from(this.crossNode),
      drops: this.rooms.flat().reduce((sum, { client }) => sum + client.drops(), 0),
      convergedRooms: this.countConverged(),
      rooms: this.rooms.length,
    };
  }

  /** Rooms in which every client's state vector, and so its document, is the same. */
  private countConverged(): number {
    return this.rooms.filter((clients) => {
      const vectors = clients.map(({ client }) =>
        Buffer.from(Y.encodeStateVector(client.doc)).toString('base64'),
      );
      return vectors.every((vector) => vector === vectors[0]);
    }).length;
  }

  close(): void {
    for (const { client } of this.rooms.flat()) client.destroy();
    this.rooms.length = 0;
  }
}
