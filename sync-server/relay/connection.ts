import type { Access } from '../storage/document-store.ts';
import { systemClock, type Clock } from './clock.ts';

/** The four things the relay needs from a socket; the @hono/node-ws adapter provides them. */
export interface RelaySocket {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Stop reading from the network: TCP backpressure then slows the client down. */
  pause(): void;
  resume(): void;
  readonly isOpen: boolean;
}

/**
 * Pacing, not punishment: a client that sends faster than this is paused until its budget
 * refills, never disconnected. The burst covers a client replaying a long offline session.
 */
export const RATE_LIMIT = {
  messagesPerSecond: 5000,
  messageBurst: 5000,
  bytesPerSecond: 16 * 1024 * 1024,
  byteBurst: 32 * 1024 * 1024,
};
/** Messages a socket may have waiting in its room before it is paused, and when it resumes. */
export const QUEUE_HIGH_WATER = 2000;
export const QUEUE_LOW_WATER = 500;

/**
 * When a writer hears what the server has stored (R6): once its stores have paused this long, so
 * "All changes synced" follows a pause in typing by this much. Each notice costs a frame each
 * way, and a typist pauses far less often than they press a key.
 */
export const STORED_NOTICE_QUIET_MS = 500;
/** While a writer keeps storing without such a pause, it still hears at least this often. */
export const STORED_NOTICE_MAX_WAIT_MS = 5000;

/**
 * A socket gets everyone's presence on request at most this often (R31). Stock clients ask only
 * over their BroadcastChannel, never the socket, and presence changes reach every socket anyway.
 */
export const PRESENCE_QUERY_INTERVAL_MS = 1000;

type HoldReason = 'queue' | 'rate';

/** Sends a connection the state vector of what is stored (R6), when its notice falls due. */
export type StoredNotice = (connection: Connection) => void;

/** One client socket in one room: its role, the awareness clients it speaks for, and its pacing. */
export class Connection {
  /** Awareness client ids this socket speaks for (see PresenceOwners); removed for everyone when it closes. */
  readonly awarenessClients = new Set<number>();
  /** When the socket last sent a frame (`clock.now()`); a silent owner's presence can be taken over. */
  lastHeardAt: number;
  /** Messages received and not yet processed by the room. */
  queued = 0;
  private readonly holds = new Set<HoldReason>();
  private messageTokens = RATE_LIMIT.messageBurst;
  private byteTokens = RATE_LIMIT.byteBurst;
  private refilledAt: number;
  private cancelRateTimer: (() => void) | null = null;
  private storedNotice: StoredNotice | null = null;
  private cancelStoredTimer: (() => void) | null = null;
  /** When the first store not yet noticed, and the latest, happened (`clock.now()`). */
  private firstUnnoticedAt = 0;
  private lastStoredAt = 0;
  private presenceQueriedAt = -Infinity;

  /**
   * Set once the relay decides to close this socket (revoked link, malformed frame). The close
   * handshake can take a while, and a client that ignores it must not keep writing meanwhile.
   */
  closedByServer = false;

  /**
   * Set once the room has answered this socket's sync request in full (R30): from then on every
   * change its document gains reaches the socket by fan-out or came from it. Cleared when a
   * change relayed as the socket's own holds more than the socket sent (fan-out skips it).
   */
  holdsEveryChange = false;

  constructor(
    readonly socket: RelaySocket,
    readonly access: Access,
    /** Called each time the socket is paused, for the metrics. */
    private readonly onPause: () => void = () => {},
    private readonly clock: Clock = systemClock,
  ) {
    this.lastHeardAt = clock.now();
    this.refilledAt = this.lastHeardAt;
  }

  get canWrite(): boolean {
    return this.access.role !== 'viewer';
  }

  send(frame: Uint8Array): void {
    // The socket may have closed while the room was persisting; nothing to deliver then.
    if (this.socket.isOpen) this.socket.send(frame);
  }

  /**
   * Tells the client what is stored once its stores pause for `STORED_NOTICE_QUIET_MS`, or
   * `STORED_NOTICE_MAX_WAIT_MS` after the first one not yet noticed. The notice is built only
   * when it falls due (`notice` sends it), not after every round, and a store re-arms no timer:
   * the timer, when it runs, waits again for what is left of the pause.
   */
  noticeStored(notice: StoredNotice): void {
    const now = this.clock.now();
    this.storedNotice = notice;
    this.lastStoredAt = now;
    if (this.cancelStoredTimer !== null) return;
    this.firstUnnoticedAt = now;
    this.armStoredTimer(STORED_NOTICE_QUIET_MS);
  }

  private armStoredTimer(delayMs: number): void {
    this.cancelStoredTimer = this.clock.setTimeout(() => {
      this.cancelStoredTimer = null;
      const now = this.clock.now();
      const due = Math.min(
        this.lastStoredAt + STORED_NOTICE_QUIET_MS,
        this.firstUnnoticedAt + STORED_NOTICE_MAX_WAIT_MS,
      );
      if (now < due) {
        this.armStoredTimer(due - now);
        return;
      }
      const notice = this.storedNotice;
      this.storedNotice = null;
      if (notice !== null && this.socket.isOpen && !this.closedByServer) notice(this);
    }, delayMs);
  }

  /** Whether a request for everyone's presence is answered now (R31); counts it when it is. */
  answersPresenceQuery(): boolean {
    const now = this.clock.now();
    if (now - this.presenceQueriedAt < PRESENCE_QUERY_INTERVAL_MS) return false;
    this.presenceQueriedAt = now;
    return true;
  }

  close(code: number, reason: string): void {
    this.closedByServer = true;
    this.clearRateTimer();
    this.cancelStoredTimer?.();
    this.cancelStoredTimer = null;
    if (this.socket.isOpen) this.socket.close(code, reason);
  }

  /** Charges one received message against the budget; pauses the socket when it runs out. */
  charge(bytes: number): void {
    const now = this.clock.now();
    this.lastHeardAt = now;
    const elapsed = (now - this.refilledAt) / 1000;
    this.refilledAt = now;
    this.messageTokens =
      Math.min(
        RATE_LIMIT.messageBurst,
        this.messageTokens + elapsed * RATE_LIMIT.messagesPerSecond,
      ) - 1;
    this.byteTokens =
      Math.min(RATE_LIMIT.byteBurst, this.byteTokens + elapsed * RATE_LIMIT.bytesPerSecond) - bytes;
    if (this.messageTokens >= 0 && this.byteTokens >= 0) return;
    const waitSeconds = Math.max(
      -this.messageTokens / RATE_LIMIT.messagesPerSecond,
      -this.byteTokens / RATE_LIMIT.bytesPerSecond,
    );
    this.hold('rate');
    this.clearRateTimer();
    this.cancelRateTimer = this.clock.setTimeout(
      () => {
        this.cancelRateTimer = null;
        this.release('rate');
      },
      Math.ceil(waitSeconds * 1000),
    );
  }

  enqueued(): void {
    if (++this.queued >= QUEUE_HIGH_WATER) this.hold('queue');
  }

  dequeued(): void {
    if (--this.queued <= QUEUE_LOW_WATER) this.release('queue');
  }

  /** True when the socket is paused for any reason; for tests and metrics. */
  get isPaused(): boolean {
    return this.holds.size > 0;
  }

  private hold(reason: HoldReason): void {
    if (this.holds.size === 0) {
      this.socket.pause();
      this.onPause();
    }
    this.holds.add(reason);
  }

  private release(reason: HoldReason): void {
    if (!this.holds.delete(reason) || this.holds.size > 0) return;
    this.socket.resume();
  }

  private clearRateTimer(): void {
    this.cancelRateTimer?.();
    this.cancelRateTimer = null;
  }
}
