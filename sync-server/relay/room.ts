import * as Y from 'yjs';
import type { Logger } from '../observability/logger.ts';
import type { RelayMetrics } from '../observability/metrics.ts';
import { CLOSE, type CloseReason } from './close-codes.ts';
import type { Connection } from './connection.ts';
import type { NodeBus, StoredElsewhere } from './node-bus.ts';
import { encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, isEmptyUpdate, type ClientMessage } from './protocol.ts';
import type { RoomPersistence } from './room-persistence.ts';
import { RoomPresence } from './room-presence.ts';
import { answerFromStoredParts } from './stored-answer.ts';
import type { StoredDocument } from '../storage/document-store.ts';

/** Most messages handled per persistence round: bounds the time one round holds the room. */
const MAX_BATCH = 2000;

/** A document change, and the socket it came from (null: the server's own change). */
interface Change {
  readonly update: Uint8Array;
  readonly origin: Connection | null;
}

interface Received {
  readonly connection: Connection;
  readonly message: ClientMessage;
}

/** What a loaded room holds in memory. */
interface Loaded {
  readonly doc: Y.Doc;
  readonly presence: RoomPresence;
}

/**
 * Where a room is in its life. The document and presence exist exactly in the states that carry
 * them, so no method reaches for a document that is not there. `closing` carries null when the
 * room was closed before it finished loading.
 */
type RoomState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'open'; readonly loaded: Loaded }
  | { readonly kind: 'closing'; readonly loaded: Loaded | null }
  | { readonly kind: 'closed' }
  | { readonly kind: 'failed' };

/** Whether a change reached storage; when not, the room has already failed and closed its sockets. */
type Stored = { readonly ok: true } | { readonly ok: false; readonly error: unknown };

/**
 * One document being edited: its Y.Doc, its presence, its sockets.
 *
 * Ordering is the whole design (SPEC.md, R1–R7). Messages are handled in rounds: the round applies
 * the document updates it has, stores them, and only then relays them and answers sync requests
 * (`storeThenDeliver`, which server changes go through too). Between a round's apply and its
 * store nothing reads the document (new messages wait for the next round), so no client ever
 * receives an update that is not stored: a SIGKILL at any moment loses nothing anyone has seen.
 */
export class Room {
  private state: RoomState = { kind: 'loading' };
  private readonly connections = new Set<Connection>();
  private readonly inbox: Received[] = [];
  private processing: Promise<void> | null = null;
  /** Other nodes' commits to this document, heard and not yet applied. */
  private readonly storedElsewhere: StoredElsewhere[] = [];
  /** Set when notices may have been missed (the bus reconnected, the periodic sweep). */
  private mustReadStorage = false;
  private unsubscribe: (() => void) | null = null;
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
    /** Other nodes serving the same documents, when there are any. */
    private readonly bus: NodeBus | null = null,
  ) {
    // Subscribed before loading, so no commit falls between what the load reads and the first notice.
    this.ready = previous.then(() => this.subscribe()).then(() => this.load());
  }

  private async subscribe(): Promise<void> {
    if (this.bus === null) return;
    const unsubscribe = await this.bus.subscribe(this.documentId, {
      onStored: this.onStoredElsewhere,
      onPresence: (update) => this.loaded?.presence.applyFromElsewhere(update),
      onPresenceQuery: () => {
        const everyone = this.state.kind === 'open' ? this.state.loaded.presence.encodeEveryoneUpdate() : null;
        if (everyone !== null) this.bus?.publishPresence(this.documentId, everyone);
      },
    });
    if (this.state.kind === 'loading') this.unsubscribe = unsubscribe;
    else unsubscribe();
  }

  private readonly onStoredElsewhere = (notice: StoredElsewhere): void => {
    if (this.isClosing) return;
    this.storedElsewhere.push(notice);
    this.persistence.noteStoredElsewhere(notice.seq);
    this.scheduleProcessing();
  };

  /** Notices may have been missed: read storage for anything newer at the next chance. */
  checkStorage(): void {
    if (this.state.kind !== 'open') return;
    this.mustReadStorage = true;
    this.scheduleProcessing();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get isClosing(): boolean {
    return this.state.kind !== 'loading' && this.state.kind !== 'open';
  }

  /** The document and presence while the room holds them (open, or closing after loading). */
  private get loaded(): Loaded | null {
    return this.state.kind === 'open' || this.state.kind === 'closing' ? this.state.loaded : null;
  }

  private async load(): Promise<boolean> {
    try {
      const stored = await this.persistence.read();
      if (this.state.kind !== 'loading') return false; // shut down while loading
      // Requests that came while storage was read need not wait for the Y.Doc (R26).
      this.answerFromStoredBytes(stored);
      const doc = this.persistence.build(stored);
      const { bus } = this;
      const publishPresence = bus === null ? null : (update: Uint8Array) => bus.publishPresence(this.documentId, update);
      const loaded = { doc, presence: new RoomPresence(doc, this.connections, this.documentId, this.logger, this.metrics, publishPresence) };
      this.state = { kind: 'open', loaded };
      // Who is here on the other nodes: they answer with everyone they know of.
      bus?.queryPresence(this.documentId);
      for (const connection of this.connections) this.greet(connection, loaded);
      this.scheduleProcessing();
      return true;
    } catch (error) {
      this.logger.error({ documentId: this.documentId, error }, 'could not load document');
      this.fail(CLOSE.storageFailed);
      return false;
    }
  }

  /**
   * Answers the sync requests waiting in the inbox from the stored bytes (R26): only those ahead
   * of every document update in it, since an answer must hold everything received before its
   * request (R5) and those updates are not stored yet. The rest wait for the built document.
   */
  private answerFromStoredBytes(stored: StoredDocument): void {
    const firstUpdate = this.inbox.findIndex(({ message }) => message.type === 'update');
    const answerable = firstUpdate === -1 ? this.inbox.length : firstUpdate;
    const answered = new Set<Received>();
    for (const received of this.inbox.slice(0, answerable)) {
      const { connection, message } = received;
      if (message.type !== 'sync-step-1' || connection.closedByServer) continue;
      const frames = answerFromStoredParts(stored, message.stateVector);
      if (frames === null) return; // a stored part does not decode: the built document answers
      for (const frame of frames) connection.send(frame);
      answered.add(received);
      connection.dequeued();
    }
    if (answered.size === 0) return;
    const rest = this.inbox.filter((received) => !answered.has(received));
    this.inbox.length = 0;
    this.inbox.push(...rest);
  }

  join(connection: Connection): void {
    if (this.isClosing) {
      connection.close(CLOSE.goingAway.code, CLOSE.goingAway.reason);
      return;
    }
    this.connections.add(connection);
    if (this.state.kind === 'open') this.greet(connection, this.state.loaded);
  }

  /** The standard greeting (R5): our state vector, so the client sends what we lack, and who is here. */
  private greet(connection: Connection, { doc, presence }: Loaded): void {
    connection.send(encodeSyncStep1(doc));
    const everyone = presence.encodeEveryone();
    if (everyone !== null) connection.send(everyone);
  }

  receive(connection: Connection, message: ClientMessage): void {
    if (this.isClosing || !this.connections.has(connection)) return;
    if (message.type === 'awareness' && this.state.kind === 'open') {
      // Presence is not stored, so it does not wait for a persistence round.
      this.state.loaded.presence.apply(connection, message.update, message.entries);
      return;
    }
    if (message.type === 'update') {
      if (!connection.canWrite) {
        // A viewer's client sends its (empty) sync step 2 and any local edits; none may count (R8).
        this.metrics.ignoredViewerUpdates.inc();
        return;
      }
      // Nothing to apply, store or relay: the usual answer to our "stored" notice (R6).
      if (isEmptyUpdate(message.update)) return;
    }
    this.inbox.push({ connection, message });
    connection.enqueued();
    this.scheduleProcessing();
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.loaded?.presence.release(connection);
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
    const loaded = this.loaded;
    return loaded === null ? null : Y.encodeStateAsUpdate(loaded.doc);
  }

  /**
   * Applies a change the server makes itself (a survey answer), under the same ordering as a
   * round (R7): nothing else is applied meanwhile, it is stored before anyone receives it, then
   * every socket gets it. The update carries the room's own client id. Resolves with what
   * `change` returned, or `applied: false` (nothing done) when the room is closing or failed, so
   * the caller can write through storage instead.
   */
  async applyServerChange<T>(change: (doc: Y.Doc) => T): Promise<{ readonly applied: true; readonly value: T } | { readonly applied: false }> {
    if (!(await this.ready)) return { applied: false };
    while (this.processing !== null) await this.processing;
    if (this.state.kind !== 'open') return { applied: false };
    const { doc } = this.state.loaded;
    const run = async (): Promise<T> => {
      const changes: Change[] = [];
      const collect = (update: Uint8Array): void => {
        changes.push({ update, origin: null });
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
      if (changes.length > 0) {
        const stored = await this.storeThenDeliver(doc, changes);
        if (!stored.ok) throw stored.error;
      }
      if (thrown !== null) throw thrown.error;
      return value as T;
    };
    const done = run();
    this.processing = done
      .then(
        () => {},
        () => {},
      )
      .finally(() => {
        this.processing = null;
        this.scheduleProcessing();
      });
    return { applied: true, value: await done };
  }

  /**
   * Ends the room (R16): handles what is queued, compacts, saves the session's version, then
   * closes the sockets still open with `reason`. Safe to call more than once.
   */
  async close(reason: CloseReason = CLOSE.goingAway): Promise<void> {
    if (this.state.kind === 'loading') this.state = { kind: 'closing', loaded: null };
    await this.ready;
    const loaded = this.loaded;
    if (this.state.kind === 'closed' || this.state.kind === 'failed') return;
    this.state = { kind: 'closing', loaded };
    try {
      if (loaded !== null) {
        while (this.processing !== null) await this.processing;
        await this.processInbox();
        // With other nodes, what they stored and this room has not heard of yet (a closing room
        // drops notices) goes into the snapshot and the version too, so a session shared across
        // nodes ends on the same state everywhere and saves one version (R25).
        if (this.state.kind === 'closing' && this.bus !== null) await this.persistence.catchUp(loaded.doc);
        // A failed round during the drain has already closed everything.
        if (this.state.kind === 'closing') await this.persistence.closeSession(loaded.doc);
      }
    } catch (error) {
      this.logger.error({ documentId: this.documentId, error }, 'could not finish the session cleanly');
    } finally {
      if (this.state.kind === 'closing') {
        this.state = { kind: 'closed' };
        for (const connection of [...this.connections]) connection.close(reason.code, reason.reason);
        this.connections.clear();
        this.dispose(loaded);
      }
    }
  }

  private get mustCatchUp(): boolean {
    return this.storedElsewhere.length > 0 || this.mustReadStorage || this.persistence.isBehind;
  }

  private scheduleProcessing(): void {
    if (this.processing !== null || this.state.kind !== 'open' || (this.inbox.length === 0 && !this.mustCatchUp)) return;
    // Waiting for the next tick gathers everything that arrived in this one into one round, and
    // every busy room starts its round in the same tick, so all their appends share one commit (R3).
    this.processing = this.persistence
      .waitForRoundStart()
      .then(async () => {
        await this.processNextRound();
      })
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

  /**
   * One round: catching up with other nodes, or the messages waiting. One only, so that what is
   * left waits for the next tick and shares its commit with every other busy room (R3).
   */
  private async processNextRound(): Promise<boolean> {
    const loaded = this.loaded;
    if (loaded === null) return false;
    if (this.mustCatchUp) await this.catchUp(loaded);
    else if (this.inbox.length > 0) await this.processRound(loaded, this.inbox.splice(0, MAX_BATCH));
    else return false;
    return true;
  }

  /** Handles everything queued, round after round (the room is closing). */
  private async processInbox(): Promise<void> {
    while (await this.processNextRound());
  }

  /**
   * Applies what other nodes stored and this document lacks, then delivers it: notices that
   * follow on from what the document holds and carry their update are applied as they are;
   * anything else (a gap, an update sent by reference, a reconnect) is read from storage, never
   * taken from memory. All of it is stored already (R1), so it goes straight to the sockets.
   */
  private async catchUp({ doc }: Loaded): Promise<void> {
    const notices = this.storedElsewhere.splice(0).sort((a, b) => a.seq - b.seq);
    let readStorage = this.mustReadStorage;
    this.mustReadStorage = false;
    const gained: Uint8Array[] = [];
    const collect = (update: Uint8Array): void => {
      gained.push(update);
    };
    doc.on('update', collect);
    try {
      for (const notice of notices) {
        const held = this.persistence.held;
        if (notice.seq <= held) continue;
        if (notice.seq !== held + 1 || notice.update === null) break;
        try {
          Y.applyUpdate(doc, notice.update, this.bus);
        } catch (error) {
          // Not what was stored, then: storage has the real one.
          this.logger.warn({ documentId: this.documentId, seq: notice.seq, error }, 'a notice from another node does not apply; reading storage instead');
          readStorage = true;
          break;
        }
        this.persistence.noteHeld(notice.seq);
      }
    } finally {
      doc.off('update', collect);
    }
    if (readStorage || this.persistence.isBehind) {
      try {
        gained.push(...(await this.persistence.catchUp(doc)));
      } catch (error) {
        // Storage is unreachable: what the document lacks cannot be had, and it must not compact
        // or confirm as if it held everything. Clients reconnect and load once it is back.
        this.logger.error({ documentId: this.documentId, error }, 'could not read what other nodes stored; closing the room');
        this.fail(CLOSE.storageFailed);
        return;
      }
    }
    if (gained.length === 0 || this.loaded === null) return;
    const update = gained.length === 1 ? gained[0]! : Y.mergeUpdates(gained);
    this.metrics.deliveredMessages.inc(this.fanOut(update, [{ update, origin: null }]));
  }

  private async processRound({ doc, presence }: Loaded, round: Received[]): Promise<void> {
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
            this.applyUpdate(doc, connection, message.update);
            break;
          case 'sync-step-1':
            syncRequests.push({ connection, stateVector: message.stateVector });
            break;
          case 'awareness':
            presence.apply(connection, message.update, message.entries);
            break;
          case 'query-awareness': {
            const everyone = presence.encodeEveryone();
            if (everyone !== null) connection.send(everyone);
            break;
          }
        }
      }
    } finally {
      doc.off('update', collect);
    }
    if (changes.length > 0 && !(await this.storeThenDeliver(doc, changes)).ok) return;
    // Answered only now, so the answer holds nothing unstored (R5).
    for (const { connection, stateVector } of syncRequests) connection.send(encodeSyncStep2(doc, stateVector));
  }

  /**
   * The one path a change takes to the sockets (R1, R2, R6): merged into one update, stored,
   * and only then sent, each socket getting what it did not send itself, and each writer told
   * what is stored. If storing fails, the document in memory is ahead of storage and must reach
   * no one: the room fails (1011, R4); clients reconnect, reload what is stored and resend.
   */
  private async storeThenDeliver(doc: Y.Doc, changes: readonly Change[]): Promise<Stored> {
    // A round's changes travel as one update: one stored row, one frame per socket.
    const update = changes.length === 1 ? changes[0]!.update : Y.mergeUpdates(changes.map((change) => change.update));
    try {
      const seq = await this.persistence.persist(doc, [update]);
      this.bus?.publishStored(this.documentId, seq, update);
    } catch (error) {
      this.logger.error({ documentId: this.documentId, error }, 'could not store updates; closing the room');
      this.fail(CLOSE.storageFailed);
      return { ok: false, error };
    }
    const delivered = this.fanOut(update, changes);
    this.metrics.updates.inc(changes.length);
    this.metrics.updateBytes.inc(update.byteLength);
    this.metrics.deliveredMessages.inc(delivered);
    // "Stored up to here": our state vector as a sync step 1. A stock client answers with what
    // we still lack (usually nothing); ours compares it with its own to show "All changes synced"
    // only when that is true.
    const stored = encodeSyncStep1(doc);
    const sole = soleOrigin(changes);
    if (sole !== undefined) sole?.noticeStored(stored);
    else for (const origin of new Set(changes.map((change) => change.origin))) origin?.noticeStored(stored);
    return { ok: true };
  }

  /**
   * Sends the stored changes (`update`, all of them merged) to every socket, each without what
   * it sent itself: sockets that sent nothing get the one shared frame; a writer gets the others'
   * changes, if any. Returns the number of frames sent.
   */
  private fanOut(update: Uint8Array, changes: readonly Change[]): number {
    const everything = encodeSyncUpdate(update);
    const sole = soleOrigin(changes);
    let delivered = 0;
    if (sole !== undefined) {
      // The usual round (one writer): no set of origins to build and look up per socket.
      for (const connection of this.connections) {
        if (connection === sole) continue;
        connection.send(everything);
        delivered++;
      }
      return delivered;
    }
    const origins = new Set(changes.map((change) => change.origin));
    for (const connection of this.connections) {
      if (origins.has(connection)) continue;
      connection.send(everything);
      delivered++;
    }
    for (const origin of origins) {
      if (origin === null || !this.connections.has(origin)) continue;
      const others = changes.filter((change) => change.origin !== origin).map((change) => change.update);
      origin.send(encodeSyncUpdate(others.length === 1 ? others[0]! : Y.mergeUpdates(others)));
      delivered++;
    }
    return delivered;
  }

  private applyUpdate(doc: Y.Doc, connection: Connection, update: Uint8Array): void {
    try {
      Y.applyUpdate(doc, update, connection);
    } catch (error) {
      // Decoded but would not apply: refuse it and close only this socket (R13).
      this.metrics.rejectedFrames.inc({ reason: 'unappliable-update' });
      this.logger.warn({ documentId: this.documentId, error }, 'closed a socket whose update does not apply');
      connection.close(CLOSE.malformedFrame.code, CLOSE.malformedFrame.reason);
    }
  }

  /**
   * Drops the room at once without handling its queue or writing anything: for when storage can
   * no longer keep what the room would confirm. Its clients keep their edits and resend them.
   */
  abandon(reason: CloseReason): void {
    this.fail(reason);
  }

  private fail(reason: CloseReason): void {
    if (this.state.kind === 'closed' || this.state.kind === 'failed') return;
    const loaded = this.loaded;
    this.state = { kind: 'failed' };
    for (const connection of [...this.connections]) connection.close(reason.code, reason.reason);
    this.connections.clear();
    this.inbox.length = 0;
    this.dispose(loaded);
    this.onEmpty(this);
  }

  private dispose(loaded: Loaded | null): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.storedElsewhere.length = 0;
    loaded?.presence.destroy();
    loaded?.doc.destroy();
  }
}

/** The one socket (or null: the server) every change came from, or undefined when there are several. */
function soleOrigin(changes: readonly Change[]): Connection | null | undefined {
  const first = changes[0]?.origin;
  for (const change of changes) if (change.origin !== first) return undefined;
  return first;
}
