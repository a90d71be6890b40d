import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Logger } from '../observability/logger.ts';
import type { RelayMetrics } from '../observability/metrics.ts';
import { CLOSE } from './close-codes.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Connection } from './connection.ts';
import { mayShowPresence, PresenceOwners } from './presence-owners.ts';
import { encodeAwarenessEntries, encodeAwarenessMessage, type AwarenessEntry } from './protocol.ts';

/**
 * Presence is sent at most this often per room, whatever the number of people moving carets,
 * so awareness cannot crowd out document updates; 40 times a second still looks live (R11).
 */
export const AWARENESS_INTERVAL_MS = 25;

/**
 * A renewal (a state sent again unchanged with a newer clock: a stock client sends one every 15 s
 * so that others do not time it out after 30 s) waits up to this long and goes out with the next
 * batch (R29). Each forwarded frame costs a write per socket and an echo back from each, so a
 * quiet room of 25 sends a fraction of the frames; 15 s + 5 s stays well inside the 30 s timeout.
 */
export const RENEWAL_INTERVAL_MS = 5000;

/** The origin of presence heard from another node: not published to the nodes again. */
const FROM_ELSEWHERE = Symbol('presence from another node');

/**
 * One room's presence: who is here, which socket speaks for which client id, and the batching
 * of what changed into one frame per interval. Presence is never stored, so nothing here waits
 * for a persistence round.
 */
export class RoomPresence {
  private readonly awareness: awarenessProtocol.Awareness;
  private readonly owners: PresenceOwners<Connection>;
  private readonly pending = new Set<number>();
  /** Ids whose state came again unchanged: sent with the next batch, within RENEWAL_INTERVAL_MS. */
  private readonly renewals = new Set<number>();
  /** Ids whose state really changed in the awareness event being handled (its 'change' comes before its 'update'). */
  private changedNow: readonly number[] = [];
  /** When the batch timer fires (`clock.now()`); a change due sooner than a waiting renewal brings it forward. */
  private timerDueAt = Infinity;
  /** Ids that changed here (not heard from another node), for the other nodes. */
  private readonly pendingElsewhere = new Set<number>();
  private cancelTimer: (() => void) | null = null;

  constructor(
    doc: Y.Doc,
    /** The room's sockets, read when a batch goes out. */
    private readonly connections: ReadonlySet<Connection>,
    private readonly documentId: string,
    private readonly logger: Logger,
    private readonly metrics: RelayMetrics,
    /** Sends presence that changed here to the other nodes (batched like the sockets'); null alone. */
    private readonly publishElsewhere: ((update: Uint8Array) => void) | null = null,
    private readonly clock: Clock = systemClock,
  ) {
    this.owners = new PresenceOwners<Connection>(() => clock.now());
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null); // the relay itself is nobody
    this.awareness.on('change', this.onStateChange);
    this.awareness.on('update', this.onChange);
  }

  /** Every state in the room as one frame (for a greeting or a query), or null when nobody is here. */
  encodeEveryone(): Uint8Array | null {
    return this.encode([...this.awareness.getStates().keys()]);
  }

  /** Every state in the room as an awareness update, for a node that asked; null when nobody is here. */
  encodeEveryoneUpdate(): Uint8Array | null {
    return this.encodeUpdate([...this.awareness.getStates().keys()]);
  }

  /**
   * Presence another node's sockets published (checked there): applied with the usual clock rule,
   * sent to this node's sockets in the next batch, never sent back to the nodes.
   */
  applyFromElsewhere(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_ELSEWHERE);
    } catch (error) {
      this.logger.warn(
        { documentId: this.documentId, error },
        'dropped presence from another node that does not decode',
      );
    }
  }

  /**
   * Applies presence, dropping entries the room has already seen and entries for a client id
   * another socket speaks for. Stock y-websocket clients re-send every awareness update they
   * receive; forwarding those echoes would multiply presence traffic by the room size, so only a
   * newer clock (or a removal) gets through (R10). A newer clock for someone else's id is a
   * forgery (a stock client's echo never is newer) and is dropped without closing the socket, as
   * is a state that names a signed-in account other than the socket's own (mayShowPresence).
   */
  apply(connection: Connection, update: Uint8Array, entries: readonly AwarenessEntry[]): void {
    const awareness = this.awareness;
    const accepted: AwarenessEntry[] = [];
    let stale = 0;
    let foreign = 0;
    for (const entry of entries) {
      // The same rule as y-protocols' applyAwarenessUpdate, so what we count is what it applies.
      const clock = awareness.meta.get(entry.clientId)?.clock ?? 0;
      const isNew =
        clock < entry.clock ||
        (clock === entry.clock && entry.state === null && awareness.states.has(entry.clientId));
      if (!isNew) {
        stale++;
        continue;
      }
      const claim = mayShowPresence(entry.state, connection.access)
        ? this.owners.claim(connection, entry.clientId)
        : 'foreign';
      if (claim === 'foreign') {
        foreign++;
        continue;
      }
      if (claim === 'over-limit') {
        this.metrics.rejectedFrames.inc({ reason: 'too-many-presences' });
        this.logger.warn(
          { documentId: this.documentId, role: connection.access.role },
          'closed a socket that published too many presence entries',
        );
        connection.close(CLOSE.tooManyPresences.code, CLOSE.tooManyPresences.reason);
        return;
      }
      accepted.push(entry);
    }
    if (stale > 0) this.metrics.staleAwareness.inc(stale);
    if (foreign > 0) this.metrics.foreignAwareness.inc(foreign);
    if (accepted.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(
      awareness,
      accepted.length + stale === entries.length ? update : encodeAwarenessEntries(accepted),
      connection,
    );
  }

  /** A socket left: the states it spoke for go, for everyone (R12). */
  release(connection: Connection): void {
    const spokeFor = this.owners.release(connection);
    if (spokeFor.length > 0)
      awarenessProtocol.removeAwarenessStates(this.awareness, spokeFor, 'left');
  }

  destroy(): void {
    this.clearTimer();
    // The last socket's goodbye is usually still in the batch when its room closes: the other
    // nodes must hear it, or its state lingers there until the awareness timeout.
    this.flushElsewhere();
    this.awareness.off('change', this.onStateChange);
    this.awareness.off('update', this.onChange);
    this.awareness.destroy();
  }

  /**
   * One awareness frame with the states of `clients`, or null when there are none left. States
   * are checked on arrival (PRESENCE_LIMITS), so encoding should not fail; if one still does,
   * that state is dropped and its socket closed, and the room and everyone else go on.
   */
  private encode(clients: number[]): Uint8Array | null {
    const update = this.encodeUpdate(clients);
    return update === null ? null : encodeAwarenessMessage(update);
  }

  private encodeUpdate(clients: number[]): Uint8Array | null {
    const awareness = this.awareness;
    if (clients.length === 0) return null;
    try {
      return awarenessProtocol.encodeAwarenessUpdate(awareness, clients);
    } catch (error) {
      const unencodable = clients.filter((id) => {
        try {
          awarenessProtocol.encodeAwarenessUpdate(awareness, [id]);
          return false;
        } catch {
          return true;
        }
      });
      this.logger.error(
        { documentId: this.documentId, error, clients: unencodable },
        'dropped presence states that could not be encoded',
      );
      for (const id of unencodable) {
        awareness.states.delete(id);
        this.owners.ownerOf(id)?.close(CLOSE.presenceRefused.code, CLOSE.presenceRefused.reason);
      }
      const rest = clients.filter((id) => !unencodable.includes(id));
      return rest.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(awareness, rest);
    }
  }

  private flushElsewhere(): void {
    if (this.pendingElsewhere.size === 0) return;
    const update = this.encodeUpdate([...this.pendingElsewhere]);
    this.pendingElsewhere.clear();
    if (update !== null) this.publishElsewhere?.(update);
  }

  private readonly onStateChange = ({ updated }: { updated: number[] }): void => {
    this.changedNow = updated;
  };

  private readonly onChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = this.changedNow;
    this.changedNow = [];
    for (const id of added) this.pending.add(id);
    for (const id of removed) this.pending.add(id);
    for (const id of updated) (changed.includes(id) ? this.pending : this.renewals).add(id);
    if (this.publishElsewhere !== null && origin !== FROM_ELSEWHERE)
      for (const id of [...added, ...updated, ...removed]) this.pendingElsewhere.add(id);
    this.scheduleBatch(this.pending.size > 0 ? AWARENESS_INTERVAL_MS : RENEWAL_INTERVAL_MS);
  };

  /** Sends the batch within `delayMs`: starts the timer, or brings a later one forward. */
  private scheduleBatch(delayMs: number): void {
    const dueAt = this.clock.now() + delayMs;
    if (this.cancelTimer !== null && this.timerDueAt <= dueAt) return;
    this.clearTimer();
    this.timerDueAt = dueAt;
    this.cancelTimer = this.clock.setTimeout(this.sendPending, delayMs);
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.timerDueAt = Infinity;
  }

  /** Runs from a timer: nothing may throw out of it (encode drops what it cannot encode). */
  private readonly sendPending = (): void => {
    this.cancelTimer = null;
    this.timerDueAt = Infinity;
    this.flushElsewhere();
    // Renewals ride along with any batch: a frame costs the same with one state or several.
    const clients = [...new Set([...this.pending, ...this.renewals])];
    this.pending.clear();
    this.renewals.clear();
    if (clients.length === 0) return;
    const frame = this.encode(clients);
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
}
