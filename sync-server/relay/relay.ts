import * as Y from 'yjs';
import type { Logger } from '../observability/logger.ts';
import type { RelayMetrics } from '../observability/metrics.ts';
import type { Access, DocumentStore, Role } from '../storage/document-store.ts';
import { CLOSE, type CloseReason } from './close-codes.ts';
import { Connection, type RelaySocket } from './connection.ts';
import { EditingSessions } from './editing-sessions.ts';
import { Room } from './room.ts';
import { RoomPersistence } from './room-persistence.ts';
import { AppendBatcher } from './append-batcher.ts';
import type { NodeBus } from './node-bus.ts';
import { systemClock, type Clock } from './clock.ts';
import { logSkippedUpdates, rebuildDocument } from './rebuild-document.ts';
import { writeChangeToStorage } from './storage-change.ts';
import { DEFAULT_ROOM_GRACE_MS, GracePeriods } from './grace-periods.ts';
import { closeRevokedSockets, openedByAccount, openedWithRole } from './revoked-sockets.ts';
import { DocumentWriteQueue } from './document-write-queue.ts';
import { IGNORED_SOCKET, joinedSocketHandlers, type SocketHandlers } from './socket-handlers.ts';

export type { SocketHandlers } from './socket-handlers.ts';

export interface RelayOptions {
  readonly store: DocumentStore;
  readonly logger: Logger;
  readonly metrics: RelayMetrics;
  /** Frames larger than this close their socket (ws enforces it; see the socket adapter). */
  readonly maxMessageBytes: number;
  /** Storage commits start at most this often (see AppendBatcher); the default when absent. */
  readonly commitIntervalMs?: number;
  /** The other nodes serving the same storage (REDIS_URL); absent for a node on its own. */
  readonly bus?: NodeBus;
  /** How long a room stays open after its last socket leaves (R24); `DEFAULT_ROOM_GRACE_MS` when absent. */
  readonly roomGraceMs?: number;
  /** Time for pacing and commit spacing; tests pass a clock they move by hand. */
  readonly clock?: Clock;
}

/**
 * With other nodes, every open room reads storage this often for commits whose notice never came
 * (a node killed between its commit and its publish): the longest a missed update stays missing.
 */
export const STORAGE_SWEEP_MS = 5000;

/**
 * Rooms by document: created when the first socket arrives, closed (flushed, compacted,
 * versioned, dropped from memory) when the last one leaves. Nothing here outlives a room except
 * what storage holds, so memory does not grow with the number of documents ever opened.
 */
export class Relay {
  private readonly rooms = new Map<string, Room>();
  /** Closing rooms' last states and server changes written straight to storage, per document. */
  private readonly writes = new DocumentWriteQueue();
  private shuttingDown = false;
  /** Documents being deleted: a socket arriving meanwhile is closed rather than opening a room again. */
  private readonly deleting = new Set<string>();
  /** Storage is lost (see StorageHealthMonitor): no room may open, since nothing would be kept. */
  private suspended = false;
  private readonly batcher: AppendBatcher;
  private readonly sweep: ReturnType<typeof setInterval> | null = null;
  private readonly gracePeriods: GracePeriods<Room>;
  private readonly clock: Clock;
  /** Each writer's socket, summarised in the audit log when it closes. */
  private readonly editingSessions: EditingSessions;

  constructor(private readonly options: RelayOptions) {
    this.clock = options.clock ?? systemClock;
    this.batcher = new AppendBatcher(options.store, options.commitIntervalMs, this.clock);
    this.editingSessions = new EditingSessions(
      (entries) => options.store.appendAudit(entries),
      options.logger,
    );
    this.gracePeriods = new GracePeriods(options.roomGraceMs ?? DEFAULT_ROOM_GRACE_MS);
    const { bus } = options;
    if (bus !== undefined) {
      bus.onRevocation((workspaceId, role) => this.closeLocalSocketsOfRole(workspaceId, role));
      bus.onAccountRevocation((workspaceId, accountId) =>
        this.closeLocalSocketsOfAccount(workspaceId, accountId),
      );
      bus.onDocumentDeletion((documentId) =>
        this.rooms.get(documentId)?.abandon(CLOSE.documentGone),
      );
      bus.onReconnect(() => this.checkStorageEverywhere());
      this.sweep = setInterval(() => this.checkStorageEverywhere(), STORAGE_SWEEP_MS);
      this.sweep.unref();
    }
  }

  private checkStorageEverywhere(): void {
    for (const room of this.rooms.values()) room.checkStorage();
  }

  get roomCount(): number {
    return this.rooms.size;
  }

  /** Attaches an authorised socket to its document's room. */
  connect(documentId: string, socket: RelaySocket, access: Access): SocketHandlers {
    const { logger, metrics } = this.options;
    const connection = new Connection(
      socket,
      access,
      () => metrics.pausedSockets.inc(),
      this.clock,
    );
    if (this.shuttingDown || this.suspended || this.deleting.has(documentId)) {
      const reason = this.shuttingDown
        ? CLOSE.goingAway
        : this.suspended
          ? CLOSE.storageFailed
          : CLOSE.documentGone;
      connection.close(reason.code, reason.reason);
      return IGNORED_SOCKET;
    }
    const room = this.openRoom(documentId);
    room.join(connection);
    metrics.sockets.inc();
    const session = this.editingSessions.start(documentId, access);
    return joinedSocketHandlers({
      documentId,
      connection,
      room,
      session,
      logger,
      metrics,
      onClosed: () => this.editingSessions.end(session),
    });
  }

  private openRoom(documentId: string): Room {
    const existing = this.rooms.get(documentId);
    if (existing !== undefined && !existing.isClosing) {
      this.gracePeriods.cancel(existing);
      return existing;
    }
    const { store, logger, metrics } = this.options;
    const room = new Room(
      documentId,
      new RoomPersistence(documentId, store, this.batcher, logger, metrics),
      logger,
      metrics,
      (vacated) => this.onRoomWithoutSockets(vacated),
      this.writes.current(documentId),
      this.options.bus ?? null,
    );
    this.rooms.set(documentId, room);
    metrics.rooms.set(this.rooms.size);
    return room;
  }

  /**
   * The room has no socket left: its last one left, and it closes after the grace period (R24)
   * unless a socket comes back first; or it failed, and it is closed already.
   */
  private onRoomWithoutSockets(room: Room): void {
    // A failed room is gone already, and a relay shutting down closes everything at once.
    if (room.isClosing || this.shuttingDown || !this.gracePeriods.enabled) {
      void this.closeRoom(room);
      return;
    }
    this.gracePeriods.start(room, () => {
      if (room.connectionCount === 0) void this.closeRoom(room);
    });
  }

  private closeRoom(room: Room, reason?: CloseReason): Promise<void> {
    this.gracePeriods.cancel(room);
    if (this.rooms.get(room.documentId) === room) this.rooms.delete(room.documentId);
    this.options.metrics.rooms.set(this.rooms.size);
    return this.writes.enqueue(room.documentId, () => room.close(reason));
  }

  /**
   * Storage can no longer keep what the relay would confirm: every room is dropped with 1011
   * (nothing more is relayed, so nobody sees an edit that is not stored) and sockets are refused
   * until `resume`. Clients keep their edits on the device and resend them when they reconnect.
   */
  suspend(): void {
    this.suspended = true;
    for (const room of [...this.rooms.values()]) room.abandon(CLOSE.storageFailed);
  }

  resume(): void {
    this.suspended = false;
  }

  /**
   * Deletes a document (`remove` deletes it from storage): its room here is dropped with 4404
   * and its last round allowed to finish, so no append of it is in flight when storage deletes
   * it, and the other nodes drop theirs once it is gone. Nothing of the room is written back: no
   * compaction, no "Session ended" version.
   */
  async deleteDocument<T>(documentId: string, remove: () => Promise<T>): Promise<T> {
    this.deleting.add(documentId);
    try {
      const room = this.rooms.get(documentId);
      room?.abandon(CLOSE.documentGone);
      await room?.settled();
      await this.writes.current(documentId);
      const removed = await remove();
      // Only once storage has deleted it: a failed delete leaves the other nodes' rooms alone.
      this.options.bus?.publishDocumentDeletion(documentId);
      return removed;
    } finally {
      this.deleting.delete(documentId);
    }
  }

  /** Closes every socket a revoked join link of this document opened (4401). */
  closeSocketsOfJoinLinks(documentId: string): void {
    this.rooms
      .get(documentId)
      ?.closeWhere((connection) => connection.access.documentId === documentId, CLOSE.tokenRevoked);
  }

  /** Closes every socket of this workspace and role, after its link was replaced. */
  closeSocketsOfRole(workspaceId: string, role: Role): void {
    this.closeLocalSocketsOfRole(workspaceId, role);
    // And on every other node (R9): the token is already gone from storage, so none can reconnect.
    this.options.bus?.publishRevocation(workspaceId, role);
  }

  /** Closes every socket a signed-in account opened in this workspace (4401), here and on every other node. */
  closeSocketsOfAccount(workspaceId: string, accountId: string): void {
    this.closeLocalSocketsOfAccount(workspaceId, accountId);
    this.options.bus?.publishAccountRevocation(workspaceId, accountId);
  }

  private closeLocalSocketsOfAccount(workspaceId: string, accountId: string): void {
    closeRevokedSockets(this.rooms.values(), openedByAccount(workspaceId, accountId));
  }

  private closeLocalSocketsOfRole(workspaceId: string, role: Role): void {
    closeRevokedSockets(this.rooms.values(), openedWithRole(workspaceId, role));
  }

  /**
   * The document as stored, as one update: from the open room once its queue is durable, else
   * from storage (after any closing room has written its last state).
   */
  async readState(documentId: string): Promise<Uint8Array> {
    const room = this.rooms.get(documentId);
    if (room !== undefined && !room.isClosing) {
      const state = await room.encodeState();
      if (state !== null) return state;
    }
    await this.writes.current(documentId);
    const doc = rebuildDocument(
      await this.options.store.loadDocument(documentId),
      logSkippedUpdates(this.options.logger, documentId),
    );
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return state;
  }

  /**
   * Applies a change the server makes itself (a survey answer) to a document, as a client's
   * update would be: through the open room (stored before fan-out, every socket receives it),
   * or, when no room is open, straight into storage while any new room waits for the write.
   * Resolves with what `change` returned once the change is durable.
   */
  async applyServerChange<T>(documentId: string, change: (doc: Y.Doc) => T): Promise<T> {
    if (this.shuttingDown) throw new Error('the relay is shutting down');
    const room = this.rooms.get(documentId);
    if (room !== undefined && !room.isClosing) {
      const result = await room.applyServerChange(change);
      if (result.applied) return result.value;
    }
    return this.writeServerChangeToStorage(documentId, change);
  }

  /** Queued behind (and ahead of) rooms closing and opening for the document, so nothing races it. */
  private writeServerChangeToStorage<T>(documentId: string, change: (doc: Y.Doc) => T): Promise<T> {
    const { store, bus } = this.options;
    return this.writes.enqueue(documentId, () =>
      writeChangeToStorage(
        store,
        bus ?? null,
        documentId,
        change,
        logSkippedUpdates(this.options.logger, documentId),
      ),
    );
  }

  /** Stops taking sockets, then closes every room: flush, compact, version, close sockets with 1001. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    if (this.sweep !== null) clearInterval(this.sweep);
    await Promise.all(
      [...this.rooms.values()].map((room) => this.closeRoom(room, CLOSE.goingAway)),
    );
    await this.writes.drain();
    // Sockets still open end their sessions now: their close events may come after the store is closed.
    await this.editingSessions.endAll();
  }
}
