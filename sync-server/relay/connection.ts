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
 * How often, at most, a writer hears what the server has stored; "All changes synced" lags by up
 * to this. Each notice costs a frame each way, so once a second keeps it to one per burst of
 * typing rather than one per key (figures in tests/bench/README.md, "Relay settings").
 */
export const STORED_NOTICE_MS = 1000;

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

  /**
   * Set once the relay decides to close this socket (revoked link, malformed frame). The close
   * handshake can take a while, and a client that ignores it must not keep writing meanwhile.
   */
  closedByServer = false;

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
   * Tells the client what is stored, at most every `STORED_NOTICE_MS`: a typist gets one notice
   * per burst instead of one per key, and each notice costs the client a reply. The notice is
   * built only when it falls due (`notice` sends it), not after every round.
   */
  noticeStored(notice: StoredNotice): void {
    this.storedNotice = notice;
    if (this.cancelStoredTimer !== null) return;
    this.cancelStoredTimer = this.clock.setTimeout(() => {
      this.cancelStoredTimer = null;
      const due = this.storedNotice;
      this.storedNotice = null;
      if (due !== null && this.socket.isOpen && !this.closedByServer) due(this);
    }, STORED_NOTICE_MS);
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
