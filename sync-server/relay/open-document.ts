import * as Y from 'yjs';
import type { Logger } from '../observability/logger.ts';
import { DocumentDeletedError } from '../storage/document-store.ts';
import type { RelayMetrics } from '../observability/metrics.ts';
import { applyReceivedUpdate } from './apply-received.ts';
import { CLOSE, type CloseReason } from './close-codes.ts';
import type { Connection } from './connection.ts';
import { collectChanges, fanOut, soleOrigin, type Change } from './fan-out.ts';
import type { NodeBus, StoredElsewhere } from './node-bus.ts';
import { encodeSyncStep1, type ClientMessage } from './protocol.ts';
import type { RoomPersistence } from './room-persistence.ts';
import type { RoomPresence } from './room-presence.ts';
import { answerSyncRequest } from './sync-answer.ts';

/** A message from a socket, waiting in its room's inbox for the next round. */
export interface Received {
  readonly connection: Connection;
  readonly message: ClientMessage;
}

/**
 * What an open room does with its loaded document: rounds of messages, other nodes' commits, and
 * server changes, each applied and then sent through the one path "store, then deliver" (R1, R2,
 * R6, R7). The room runs one of these at a time and fails (through `fail`) when storage does.
 */
export class OpenDocument {
  /** Why the last store failed, for a server change to throw. */
  private storeError: unknown = null;
  /** True from a change being applied until it is stored: a notice built then would claim too much. */
  private storing = false;
  /** Writers whose stored notice fell due while a change was being stored; sent once it is. */
  private readonly noticesAfterStore = new Set<Connection>();

  constructor(
    readonly documentId: string,
    readonly doc: Y.Doc,
    readonly presence: RoomPresence,
    /** The room's sockets, read when something is delivered. */
    private readonly connections: ReadonlySet<Connection>,
    private readonly persistence: RoomPersistence,
    private readonly bus: NodeBus | null,
    private readonly logger: Logger,
    private readonly metrics: RelayMetrics,
    /** Closes the room and every socket in it (R4). */
    private readonly fail: (reason: CloseReason) => void,
  ) {}

  /** The standard greeting (R5): our state vector, so the client sends what we lack, and who is here. */
  greet(connection: Connection): void {
    connection.send(encodeSyncStep1(this.doc));
    const everyone = this.presence.encodeEveryone();
    if (everyone !== null) connection.send(everyone);
  }

  /** One round of messages (R2): apply the updates, store them as one, deliver, then answer sync requests. */
  async processRound(round: readonly Received[]): Promise<void> {
    const { doc, presence } = this;
    const syncRequests: { connection: Connection; stateVector: Uint8Array }[] = [];
    const changes: Change[] = [];
    for (const { connection, message } of round) {
      connection.dequeued();
      // What a socket sent after we decided to close it (revoked, or a bad frame earlier in
      // this round) counts for nothing; its client still has those edits and resends them.
      if (connection.closedByServer) continue;
      switch (message.type) {
        case 'update': {
          const change = this.applyUpdate(connection, message.update);
          if (change !== null) changes.push({ update: change, origin: connection });
          break;
        }
        case 'sync-step-1':
          syncRequests.push({ connection, stateVector: message.stateVector });
          break;
        case 'awareness':
          presence.apply(connection, message.update, message.entries);
          break;
        case 'query-awareness': {
          if (!connection.answersPresenceQuery()) break;
          const everyone = presence.encodeEveryone();
          if (everyone !== null) connection.send(everyone);
          break;
        }
      }
    }
    if (changes.length > 0 && !(await this.storeThenDeliver(changes))) return;
    // Answered only now, so the answer holds nothing unstored (R5).
    for (const { connection, stateVector } of syncRequests)
      connection.send(answerSyncRequest(doc, connection, stateVector));
  }

  /**
   * Applies what other nodes stored and this document lacks, then delivers it (R21): notices
   * that follow on from what the document holds and carry their update are applied as they are;
   * anything else (a gap, an update sent by reference, a reconnect) is read from storage, never
   * taken from memory. All of it is stored already (R1), so it goes straight to the sockets.
   */
  async catchUp(notices: readonly StoredElsewhere[], mustReadStorage: boolean): Promise<void> {
    let readStorage = mustReadStorage;
    const gained = collectChanges(this.doc, false, () => {
      for (const notice of [...notices].sort((a, b) => a.seq - b.seq)) {
        const held = this.persistence.held;
        if (notice.seq <= held) continue;
        if (notice.seq !== held + 1 || notice.update === null) break;
        try {
          Y.applyUpdate(this.doc, notice.update, this.bus);
        } catch (error) {
          // Not what was stored, then: storage has the real one.
          this.logger.warn(
            { documentId: this.documentId, seq: notice.seq, error },
            'a notice from another node does not apply; reading storage instead',
          );
          readStorage = true;
          break;
        }
        this.persistence.noteHeld(notice.seq);
      }
    }).map((change) => change.update);
    if (readStorage || this.persistence.isBehind) {
      try {
        gained.push(...(await this.persistence.catchUp(this.doc)));
      } catch (error) {
        // Storage is unreachable: what the document lacks cannot be had, and it must not compact
        // or confirm as if it held everything. Clients reconnect and load once it is back.
        this.logger.error(
          { documentId: this.documentId, error },
          'could not read what other nodes stored; closing the room',
        );
        this.fail(CLOSE.storageFailed);
        return;
      }
    }
    if (gained.length === 0) return;
    const update = gained.length === 1 ? gained[0]! : Y.mergeUpdates(gained);
    this.metrics.deliveredMessages.inc(
      fanOut(this.connections, update, [{ update, origin: null }]),
    );
  }

  /**
   * A change the server makes itself (R7), with nothing else applied meanwhile: stored, then sent
   * to every socket. Whatever `change` did before throwing is stored all the same, then it throws.
   */
  async applyServerChange<T>(change: (doc: Y.Doc) => T): Promise<T> {
    let value: T | undefined;
    let thrown: { readonly error: unknown } | null = null;
    const changes = collectChanges(this.doc, false, () => {
      try {
        value = this.doc.transact(() => change(this.doc), this);
      } catch (error) {
        thrown = { error };
      }
    });
    if (changes.length > 0 && !(await this.storeThenDeliver(changes))) throw this.storeError;
    if (thrown !== null) throw (thrown as { readonly error: unknown }).error;
    return value as T;
  }

  /**
   * The one path a change takes to the sockets (R1, R2, R6): merged into one update, stored,
   * and only then sent, each socket getting what it did not send itself, and each writer told
   * what is stored. If storing fails, the document in memory is ahead of storage and must reach
   * no one: the room fails (1011, R4); clients reconnect, reload what is stored and resend.
   * Returns whether the changes were stored.
   */
  private async storeThenDeliver(changes: readonly Change[]): Promise<boolean> {
    // A round's changes travel as one update: one stored row, one frame per socket.
    const update =
      changes.length === 1
        ? changes[0]!.update
        : Y.mergeUpdates(changes.map((change) => change.update));
    this.storing = true;
    try {
      const seq = await this.persistence.persist(this.doc, [update]);
      this.bus?.publishStored(this.documentId, seq, update);
    } catch (error) {
      this.storeError = error;
      this.noticesAfterStore.clear();
      if (error instanceof DocumentDeletedError) {
        // Another node deleted it between this round's apply and its commit (S18); its notice is on the way.
        this.logger.info(
          { documentId: this.documentId },
          'the document was deleted; closing the room',
        );
        this.fail(CLOSE.documentGone);
        return false;
      }
      this.logger.error(
        { documentId: this.documentId, error },
        'could not store updates; closing the room',
      );
      this.fail(CLOSE.storageFailed);
      return false;
    }
    this.storing = false;
    this.metrics.deliveredMessages.inc(fanOut(this.connections, update, changes));
    this.metrics.updates.inc(changes.length);
    this.metrics.updateBytes.inc(update.byteLength);
    const sole = soleOrigin(changes);
    if (sole !== undefined) sole?.noticeStored(this.sendStoredNotice);
    else
      for (const origin of new Set(changes.map((change) => change.origin)))
        origin?.noticeStored(this.sendStoredNotice);
    if (this.noticesAfterStore.size > 0) {
      const stored = encodeSyncStep1(this.doc);
      for (const connection of this.noticesAfterStore) connection.send(stored);
      this.noticesAfterStore.clear();
    }
    return true;
  }

  /**
   * "Stored up to here" (R6): our state vector as a sync step 1. A stock client answers with what
   * we still lack (usually nothing); ours compares it with its own to show "All changes synced"
   * only when that is true. While a change is being stored the document is ahead of storage, so
   * the notice waits for that store to finish.
   */
  private readonly sendStoredNotice = (connection: Connection): void => {
    if (this.storing) this.noticesAfterStore.add(connection);
    else connection.send(encodeSyncStep1(this.doc));
  };

  /** Applies a socket's update; returns the change to store and relay, if it made one. */
  private applyUpdate(connection: Connection, update: Uint8Array): Uint8Array | null {
    const { change, error } = applyReceivedUpdate(this.doc, update, connection);
    // Relayed as this socket's own, so fan-out skips it: what it holds beyond the bytes the
    // socket sent (a formatting tidy-up, parts that were waiting) must reach it by a full answer.
    if (change !== null && change !== update) connection.holdsEveryChange = false;
    if (error !== null) {
      // Decoded but would not apply: refuse it and close only this socket (R13).
      this.metrics.rejectedFrames.inc({ reason: 'unappliable-update' });
      this.logger.warn(
        { documentId: this.documentId, error },
        'closed a socket whose update does not apply',
      );
      connection.close(CLOSE.malformedFrame.code, CLOSE.malformedFrame.reason);
    }
    return change;
  }
}
