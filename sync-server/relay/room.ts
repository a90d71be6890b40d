import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../observability/logger.ts';
import type { RelayMetrics } from '../observability/metrics.ts';
import { CLOSE, type CloseReason } from './close-codes.ts';
import type { Connection } from './connection.ts';
import { PresenceOwners } from './presence-owners.ts';
import { encodeAwarenessEntries, encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, isEmptyUpdate, type AwarenessEntry, type ClientMessage } from './protocol.ts';
import type { RoomPersistence } from './room-persistence.ts';

/** Most messages handled per persistence round: bounds the time one round holds the room. */
const MAX_BATCH = 2000;
/**
 * Presence is sent at most this often per room, whatever the number of people moving carets,
 * so awareness cannot crowd out document updates; 40 times a second still looks live.
 */
const AWARENESS_INTERVAL_MS = 25;

/** A document change made in a round, and the socket it came from. */
interface Change {
  readonly update: Uint8Array;
  readonly origin: Connection;
}

interface Received {
  readonly connection: Connection;
  readonly message: ClientMessage;
}

type RoomState = 'loading' | 'open' | 'closing' | 'closed' | 'failed';

/**
 * One document being edited: its Y.Doc, its presence, its sockets.
 *
 * Ordering is the whole design. Messages are handled in rounds: the round applies the document
 * updates it has, awaits `persist` so they are durable, and only then relays them and answers
 * sync requests. Between a round's apply and its persist nothing reads the document (new
 * messages wait for the next round), so no client ever receives an update that is not stored:
 * a SIGKILL at any moment loses nothing anyone has seen.
 */
export class Room {
  private doc: Y.Doc | null = null;
  private awareness: awarenessProtocol.Awareness | null = null;
  private state: RoomState = 'loading';
  private readonly connections = new Set<Connection>();
  private readonly inbox: Received[] = [];
  private processing: Promise<void> | null = null;
  private readonly pendingAwareness = new Set<number>();
  private readonly presenceOwners = new PresenceOwners<Connection>();
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  /** Resolves true once loaded, false if loading failed (the room then refuses everyone). */
  readonly ready: Promise<boolean>;

  constructor(
    readonly documentId: string,
    private readonly persistence: RoomPersistence,
    private readonly logger: Logger,
    private readonly metrics: RelayMetrics,
    /** Called when the last socket leaves; the relay then closes the room. */
    private readonly onEmpty: (room: Room) => void,
    /** A previous room for the same document still closing: wait for its last write. */
    previous: Promise<void> = Promise.resolve(),
  ) {
    this.ready = previous.then(() => this.load());
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get isClosing(): boolean {
    return this.state === 'closing' || this.state === 'closed' || this.state === 'failed';
  }

  private async load(): Promise<boolean> {
    try {
      const doc = await this.persistence.load();
      if (this.state !== 'loading') return false; // shut down while loading
      this.doc = doc;
      this.awareness = new awarenessProtocol.Awareness(doc);
      this.awareness.setLocalState(null); // the relay itself is nobody
      this.awareness.on('update', this.onAwarenessChange);
      this.state = 'open';
      for (const connection of this.connections) this.greet(connection);
      this.scheduleProcessing();
      return true;
    } catch (error) {
      this.logger.error({ documentId: this.documentId, error }, 'could not load document');
      this.fail(CLOSE.storageFailed);
      return false;
    }
  }

  join(connection: Connection): void {
    if (this.isClosing) {
      connection.close(CLOSE.goingAway.code, CLOSE.goingAway.reason);
      return;
    }
    this.connections.add(connection);
    if (this.state === 'open') this.greet(connection);
  }

  /** The standard greeting: our state vector (so the client sends what we lack) and who is here. */
  private greet(connection: Connection): void {
    connection.send(encodeSyncStep1(this.doc!));
    const frame = this.encodePresence([...this.awareness!.getStates().keys()]);
    if (frame !== null) connection.send(frame);
  }

  receive(connection: Connection, message: ClientMessage): void {
    if (this.isClosing || !this.connections.has(connection)) return;
    if (message.type === 'awareness' && this.state === 'open') {
      // Presence is not stored, so it does not wait for a persistence round.
      this.applyAwareness(connection, message.update, message.entries);
      return;
    }
    if (message.type === 'update') {
      if (!connection.canWrite) {
        // A viewer's client sends its (empty) sync step 2 and any local edits; none may count.
        this.metrics.ignoredViewerUpdates.inc();
        return;
      }
      // Nothing to apply, store or relay: the usual answer to our "stored" notice.
      if (isEmptyUpdate(message.update)) return;
    }
    this.inbox.push({ connection, message });
    connection.enqueued();
    this.scheduleProcessing();
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    const spokeFor = this.presenceOwners.release(connection);
    if (this.awareness !== null && spokeFor.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, spokeFor, 'left');
    if (this.connections.size === 0 && !this.isClosing) this.onEmpty(this);
  }

  /** Closes sockets matching `predicate` (a rotated token) with `reason`. */
  closeWhere(predicate: (connection: Connection) => boolean, reason: CloseReason): void {
    for (const connection of [...this.connections]) if (predicate(connection)) connection.close(reason.code, reason.reason);
  }

  /** Waits until every message received so far is handled and stored. */
  async settled(): Promise<void> {
    await this.ready;
    while (this.processing !== null) await this.processing;
  }

  /** The stored document as one update, once every received update is durable. */
  async encodeState(): Promise<Uint8Array | null> {
    if (!(await this.ready)) return null;
    await this.settled();
    return this.doc === null ? null : Y.encodeStateAsUpdate(this.doc);
  }

  /**
   * Applies a change the server makes itself (a survey answer), under the same ordering as a
   * round: nothing else is applied meanwhile, it is stored before anyone receives it, then every
   * socket gets it. The update carries the room's own client id. Resolves with what `change`
   * returned, or `applied: false` (nothing done) when the room is closing or failed, so the
   * caller can write through storage instead.
   */
  async applyServerChange<T>(change: (doc: Y.Doc) => T): Promise<{ readonly applied: true; readonly value: T } | { readonly applied: false }> {
    if (!(await this.ready)) return { applied: false };
    while (this.processing !== null) await this.processing;
    if (this.state !== 'open') return { applied: false };
    const doc = this.doc!;
    const run = async (): Promise<T> => {
      const updates: Uint8Array[] = [];
      const collect = (update: Uint8Array): void => {
        updates.push(update);
      };
      let value: T | undefined;
      let thrown: { readonly error: unknown } | null = null;
      doc.on('update', collect);
      try {
        value = doc.transact(() => change(doc), this);
      } catch (error) {
        // Whatever the change did before throwing is in the document now: store it all the same.
        thrown = { error };
      } finally {
        doc.off('update', collect);
      }
      if (updates.length > 0) {
        try {
          await this.persistence.persist(doc, updates);
        } catch (error) {
          this.logger.error({ documentId: this.documentId, error }, 'could not store a server change; closing the room');
          this.fail(CLOSE.storageFailed);
          throw error;
        }
        let delivered = 0;
        for (const update of updates) {
          const frame = encodeSyncUpdate(update);
          for (const connection of this.connections) connection.send(frame);
          delivered += this.connections.size;
        }
        this.metrics.updates.inc(updates.length);
        this.metrics.updateBytes.inc(updates.reduce((sum, update) => sum + update.byteLength, 0));
        this.metrics.deliveredMessages.inc(delivered);
      }
      if (thrown !== null) throw thrown.error;
      return value as T;
    };
    const done = run();
    this.processing = done.then(
      () => {},
      () => {},
    ).finally(() => {
      this.processing = null;
      this.scheduleProcessing();
    });
    return { applied: true, value: await done };
  }

  /**
   * Ends the room: handles what is queued, compacts, saves the session's version, then closes
   * the sockets still open with `reason`. Safe to call more than once.
   */
  async close(reason: CloseReason = CLOSE.goingAway): Promise<void> {
    if (this.state === 'loading') this.state = 'closing';
    const loaded = await this.ready;
    if (this.state === 'closed' || this.state === 'failed') return;
    this.state = 'closing';
    try {
      if (loaded) {
        while (this.processing !== null) await this.processing;
        await this.processInbox();
        await this.persistence.closeSession(this.doc!);
      }
    } catch (error) {
      this.logger.error({ documentId: this.documentId, error }, 'could not finish the session cleanly');
    } finally {
      this.state = 'closed';
      for (const connection of [...this.connections]) connection.close(reason.code, reason.reason);
      this.connections.clear();
      this.dispose();
    }
  }

  private scheduleProcessing(): void {
    if (this.processing !== null || this.state !== 'open' || this.inbox.length === 0) return;
    // Waiting for the next tick gathers everything that arrived in this one into one round, and
    // every busy room starts its round in the same tick, so all their appends share one commit.
    this.processing = this.persistence
      .nextRound()
      .then(() => this.processInbox())
      .catch((error: unknown) => {
        // A bug, not input: fail this room (its clients reconnect and resend), never the process.
        this.logger.error({ documentId: this.documentId, error }, 'a round failed; closing the room');
        this.fail(CLOSE.internalError);
      })
      .finally(() => {
        this.processing = null;
        this.scheduleProcessing();
      });
  }

  private async processInbox(): Promise<void> {
    while (this.inbox.length > 0 && (this.state === 'open' || this.state === 'closing')) {
      await this.processRound(this.inbox.splice(0, MAX_BATCH));
    }
  }

  private async processRound(round: Received[]): Promise<void> {
    const doc = this.doc!;
    const changes: Change[] = [];
    const syncRequests: { connection: Connection; stateVector: Uint8Array }[] = [];
    const collect = (update: Uint8Array, origin: unknown): void => {
      changes.push({ update, origin: origin as Connection });
    };
    doc.on('update', collect);
    try {
      for (const { connection, message } of round) {
        connection.dequeued();
        // What a socket sent after we decided to close it (revoked, or a bad frame earlier in
        // this round) counts for nothing; its client still has those edits and resends them.
        if (connection.closedByServer) continue;
        switch (message.type) {
          case 'update':
            this.applyUpdate(connection, message.update);
            break;
          case 'sync-step-1':
            syncRequests.push({ connection, stateVector: message.stateVector });
            break;
          case 'awareness':
            this.applyAwareness(connection, message.update, message.entries);
            break;
          case 'query-awareness': {
            const frame = this.encodePresence([...this.awareness!.getStates().keys()]);
            if (frame !== null) connection.send(frame);
            break;
          }
        }
      }
    } finally {
      doc.off('update', collect);
    }

    if (changes.length > 0) {
      // A round's changes travel as one update: one stored row, one frame per socket.
      const update = changes.length === 1 ? changes[0]!.update : Y.mergeUpdates(changes.map((change) => change.update));
      try {
        await this.persistence.persist(doc, [update]);
      } catch (error) {
        // The document in memory is now ahead of storage; it must not reach anyone. Drop the
        // room: clients reconnect, reload what is stored, and resend what they still have.
        this.logger.error({ documentId: this.documentId, error }, 'could not store updates; closing the room');
        this.fail(CLOSE.storageFailed);
        return;
      }
      const delivered = this.fanOut(update, changes);
      this.metrics.updates.inc(changes.length);
      this.metrics.updateBytes.inc(update.byteLength);
      this.metrics.deliveredMessages.inc(delivered);
      // "Stored up to here": our state vector as a sync step 1. A stock client answers with
      // what we still lack (usually nothing); ours compares it with its own to show "All
      // changes synced" only when that is true.
      const stored = encodeSyncStep1(doc);
      for (const origin of new Set(changes.map((change) => change.origin))) origin.noticeStored(stored);
    }
    for (const { connection, stateVector } of syncRequests) connection.send(encodeSyncStep2(doc, stateVector));
  }

  /**
   * Sends the round's stored changes (`update`, all of them merged) to every socket, each
   * without what it sent itself: sockets that sent nothing get the one shared frame; a writer
   * gets the others' changes, if any. Returns the number of frames sent.
   */
  private fanOut(update: Uint8Array, changes: readonly Change[]): number {
    const origins = new Set(changes.map((change) => change.origin));
    const everything = encodeSyncUpdate(update);
    let delivered = 0;
    for (const connection of this.connections) {
      if (origins.has(connection)) continue;
      connection.send(everything);
      delivered++;
    }
    if (origins.size === 1) return delivered;
    for (const origin of origins) {
      if (!this.connections.has(origin)) continue;
      const others = changes.filter((change) => change.origin !== origin).map((change) => change.update);
      origin.send(encodeSyncUpdate(others.length === 1 ? others[0]! : Y.mergeUpdates(others)));
      delivered++;
    }
    return delivered;
  }

  private applyUpdate(connection: Connection, update: Uint8Array): void {
    try {
      Y.applyUpdate(this.doc!, update, connection);
    } catch (error) {
      // Decoded but would not apply: refuse it and close only this socket.
      this.metrics.rejectedFrames.inc({ reason: 'unappliable-update' });
      this.logger.warn({ documentId: this.documentId, error }, 'closed a socket whose update does not apply');
      connection.close(CLOSE.malformedFrame.code, CLOSE.malformedFrame.reason);
    }
  }

  /**
   * Applies presence, dropping entries the room has already seen and entries for a client id
   * another socket speaks for. Stock y-websocket clients re-send every awareness update they
   * receive; forwarding those echoes would multiply presence traffic by the room size, so only a
   * newer clock (or a removal) gets through. A newer clock for someone else's id is a forgery
   * (a stock client's echo never is newer) and is dropped without closing the socket.
   */
  private applyAwareness(connection: Connection, update: Uint8Array, entries: readonly AwarenessEntry[]): void {
    const awareness = this.awareness!;
    const accepted: AwarenessEntry[] = [];
    let stale = 0;
    let foreign = 0;
    for (const entry of entries) {
      // The same rule as y-protocols' applyAwarenessUpdate, so what we count is what it applies.
      const clock = awareness.meta.get(entry.clientId)?.clock ?? 0;
      const isNew = clock < entry.clock || (clock === entry.clock && entry.state === null && awareness.states.has(entry.clientId));
      if (!isNew) {
        stale++;
        continue;
      }
      const claim = this.presenceOwners.claim(connection, entry.clientId);
      if (claim === 'foreign') {
        foreign++;
        continue;
      }
      if (claim === 'over-limit') {
        this.metrics.rejectedFrames.inc({ reason: 'too-many-presences' });
        this.logger.warn({ documentId: this.documentId, role: connection.access.role }, 'closed a socket that published too many presence entries');
        connection.close(CLOSE.tooManyPresences.code, CLOSE.tooManyPresences.reason);
        return;
      }
      accepted.push(entry);
    }
    if (stale > 0) this.metrics.staleAwareness.inc(stale);
    if (foreign > 0) this.metrics.foreignAwareness.inc(foreign);
    if (accepted.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(awareness, accepted.length + stale === entries.length ? update : encodeAwarenessEntries(accepted), connection);
  }

  /**
   * One awareness frame with the states of `clients`, or null when there are none left. States
   * are checked on arrival (PRESENCE_LIMITS), so encoding should not fail; if one still does,
   * that state is dropped and its socket closed, and the room and everyone else go on.
   */
  private encodePresence(clients: number[]): Uint8Array | null {
    const awareness = this.awareness!;
    if (clients.length === 0) return null;
    try {
      return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
    } catch (error) {
      const unencodable = clients.filter((id) => {
        try {
          awarenessProtocol.encodeAwarenessUpdate(awareness, [id]);
          return false;
        } catch {
          return true;
        }
      });
      this.logger.error({ documentId: this.documentId, error, clients: unencodable }, 'dropped presence states that could not be encoded');
      for (const id of unencodable) {
        awareness.states.delete(id);
        const owner = this.presenceOwners.ownerOf(id);
        owner?.close(CLOSE.presenceRefused.code, CLOSE.presenceRefused.reason);
      }
      const rest = clients.filter((id) => !unencodable.includes(id));
      return rest.length === 0 ? null : encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, rest));
    }
  }

  private readonly onAwarenessChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    for (const id of [...added, ...updated, ...removed]) this.pendingAwareness.add(id);
    if (this.awarenessTimer === null) this.awarenessTimer = setTimeout(this.sendAwareness, AWARENESS_INTERVAL_MS);
  };

  private readonly sendAwareness = (): void => {
    this.awarenessTimer = null;
    if (this.awareness === null || this.pendingAwareness.size === 0) return;
    const clients = [...this.pendingAwareness];
    this.pendingAwareness.clear();
    const frame = this.encodePresence(clients);
    if (frame === null) return;
    let delivered = 0;
    for (const connection of this.connections) {
      // Skip a socket only when every state in the frame is its own.
      if (clients.every((id) => connection.awarenessClients.has(id))) continue;
      connection.send(frame);
      delivered++;
    }
    this.metrics.deliveredMessages.inc(delivered);
  };

  /**
   * Drops the room at once without handling its queue or writing anything: for when storage can
   * no longer keep what the room would confirm. Its clients keep their edits and resend them.
   */
  abandon(reason: CloseReason): void {
    if (this.state === 'closed' || this.state === 'failed') return;
    this.fail(reason);
  }

  private fail(reason: CloseReason): void {
    this.state = 'failed';
    for (const connection of [...this.connections]) connection.close(reason.code, reason.reason);
    this.connections.clear();
    this.inbox.length = 0;
    this.dispose();
    this.onEmpty(this);
  }

  private dispose(): void {
    if (this.awarenessTimer !== null) clearTimeout(this.awarenessTimer);
    this.awarenessTimer = null;
    this.awareness?.off('update', this.onAwarenessChange);
    this.awareness?.destroy();
    this.awareness = null;
    this.doc?.destroy();
    this.doc = null;
  }
}
