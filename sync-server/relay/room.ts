import * as Y from 'yjs';
import type { Logger } from '../observability/logger.ts';
import type { RelayMetrics } from '../observability/metrics.ts';
import { CLOSE, type CloseReason } from './close-codes.ts';
import type { Connection } from './connection.ts';
import type { NodeBus, StoredElsewhere } from './node-bus.ts';
import { OpenDocument } from './open-document.ts';
import { isEmptyUpdate, type ClientMessage } from './protocol.ts';
import type { RoomPersistence } from './room-persistence.ts';
import { RoomPresence } from './room-presence.ts';
import { RoomRounds } from './room-rounds.ts';
import type { RoomState } from './room-state.ts';

/**
 * One document being edited: its Y.Doc, its presence, its sockets.
 *
 * Ordering is the whole design (SPEC.md, R1–R7 and R26). Messages are handled in rounds, one at a time:
 * the round applies the document updates it has, stores them, and only then relays them and
 * answers sync requests (`OpenDocument`, which server changes go through too). Between a round's
 * apply and its store nothing reads the document (new messages wait for the next round), so no
 * client ever receives an update that is not stored: a SIGKILL at any moment loses nothing anyone
 * has seen. This class keeps the room's life and its sockets; `RoomRounds` keeps its waiting work.
 */
export class Room {
  private state: RoomState = { kind: 'loading' };
  private readonly connections = new Set<Connection>();
  private readonly rounds: RoomRounds;
  private unsubscribe: (() => void) | null = null;
  /** Resolves true once loaded, false if loading failed (the room then refuses everyone). */
  readonly ready: Promise<boolean>;

  constructor(
    readonly documentId: string,
    private readonly persistence: RoomPersistence,
    private readonly logger: Logger,
    private readonly metrics: RelayMetrics,
    /** Called when the room has no socket left: the last one left, or the room failed and closed them all. */
    private readonly onWithoutSockets: (room: Room) => void,
    /** A previous room for the same document still closing: wait for its last write. */
    previous: Promise<void> = Promise.resolve(),
    /** Other nodes serving the same documents, when there are any. */
    private readonly bus: NodeBus | null = null,
  ) {
    this.rounds = new RoomRounds(
      documentId,
      persistence,
      logger,
      () => (this.state.kind === 'open' ? this.state.loaded : null),
      () => this.loaded,
      (reason) => this.fail(reason),
    );
    // Subscribed before loading, so no commit falls between what the load reads and the first notice.
    this.ready = previous.then(() => this.subscribe()).then(() => this.load());
  }

  private async subscribe(): Promise<void> {
    if (this.bus === null) return;
    const unsubscribe = await this.bus.subscribe(this.documentId, {
      onStored: this.onStoredElsewhere,
      onPresence: (update) => this.loaded?.presence.applyFromElsewhere(update),
      onPresenceQuery: () => {
        const everyone =
          this.state.kind === 'open' ? this.state.loaded.presence.encodeEveryoneUpdate() : null;
        if (everyone !== null) this.bus?.publishPresence(this.documentId, everyone);
      },
    });
    if (this.state.kind === 'loading') this.unsubscribe = unsubscribe;
    else unsubscribe();
  }

  private readonly onStoredElsewhere = (notice: StoredElsewhere): void => {
    if (!this.isClosing) this.rounds.noteStoredElsewhere(notice);
  };

  /** Notices may have been missed: read storage for anything newer at the next chance. */
  checkStorage(): void {
    if (this.state.kind === 'open') this.rounds.readStorage();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  get isClosing(): boolean {
    return this.state.kind !== 'loading' && this.state.kind !== 'open';
  }

  /** The document and presence while the room holds them (open, or closing after loading). */
  private get loaded(): OpenDocument | null {
    return this.state.kind === 'open' || this.state.kind === 'closing' ? this.state.loaded : null;
  }

  private async load(): Promise<boolean> {
    try {
      const stored = await this.persistence.read();
      if (this.state.kind !== 'loading') return false; // shut down while loading
      // Requests that came while storage was read need not wait for the Y.Doc (R26).
      this.rounds.answerWaitingRequests(stored);
      const doc = this.persistence.build(stored);
      const { bus, documentId, logger, metrics } = this;
      const publishPresence =
        bus === null ? null : (update: Uint8Array) => bus.publishPresence(documentId, update);
      const presence = new RoomPresence(
        doc,
        this.connections,
        documentId,
        logger,
        metrics,
        publishPresence,
      );
      const loaded = new OpenDocument(
        documentId,
        doc,
        presence,
        this.connections,
        this.persistence,
        bus,
        logger,
        metrics,
        (reason) => this.fail(reason),
      );
      this.state = { kind: 'open', loaded };
      // Who is here on the other nodes: they answer with everyone they know of.
      bus?.queryPresence(documentId);
      for (const connection of this.connections) loaded.greet(connection);
      this.rounds.schedule();
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
    if (this.state.kind === 'open') this.state.loaded.greet(connection);
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
    this.rounds.enqueue({ connection, message });
  }

  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.loaded?.presence.release(connection);
    if (this.connections.size === 0 && !this.isClosing) this.onWithoutSockets(this);
  }

  /** Closes sockets matching `predicate` (a rotated token) with `reason`. */
  closeWhere(predicate: (connection: Connection) => boolean, reason: CloseReason): void {
    for (const connection of [...this.connections])
      if (predicate(connection)) connection.close(reason.code, reason.reason);
  }

  /** Waits until every message received so far is handled and stored. */
  async settled(): Promise<void> {
    await this.ready;
    await this.rounds.idle();
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
  async applyServerChange<T>(
    change: (doc: Y.Doc) => T,
  ): Promise<{ readonly applied: true; readonly value: T } | { readonly applied: false }> {
    if (!(await this.ready)) return { applied: false };
    await this.rounds.idle();
    if (this.state.kind !== 'open') return { applied: false };
    const done = this.state.loaded.applyServerChange(change);
    this.rounds.occupy(done);
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
        await this.rounds.idle();
        await this.rounds.drain(); // everything queued, round after round
        // With other nodes, what they stored and this room has not heard of yet (a closing room
        // drops notices) goes into the snapshot and the version too, so a session shared across
        // nodes ends on the same state everywhere and saves one version (R25).
        if (this.state.kind === 'closing' && this.bus !== null)
          await this.persistence.catchUp(loaded.doc);
        // A failed round during the drain has already closed everything.
        if (this.state.kind === 'closing') await this.persistence.closeSession(loaded.doc);
      }
    } catch (error) {
      this.logger.error(
        { documentId: this.documentId, error },
        'could not finish the session cleanly',
      );
    } finally {
      if (this.state.kind === 'closing') {
        this.state = { kind: 'closed' };
        for (const connection of [...this.connections])
          connection.close(reason.code, reason.reason);
        this.connections.clear();
        this.dispose(loaded);
      }
    }
  }

  /** Drops the room at once, writing nothing: storage can no longer keep what it would confirm (R4). */
  abandon(reason: CloseReason): void {
    this.fail(reason);
  }

  private fail(reason: CloseReason): void {
    if (this.state.kind === 'closed' || this.state.kind === 'failed') return;
    const loaded = this.loaded;
    this.state = { kind: 'failed' };
    for (const connection of [...this.connections]) connection.close(reason.code, reason.reason);
    this.connections.clear();
    this.dispose(loaded);
    this.onWithoutSockets(this);
  }

  private dispose(loaded: OpenDocument | null): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.rounds.clear();
    loaded?.presence.destroy();
    loaded?.doc.destroy();
  }
}
