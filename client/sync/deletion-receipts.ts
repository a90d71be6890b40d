import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/** How long deletions gather before one request confirms them all; a burst of Backspace costs one. */
export const CONFIRM_DELAY_MS = 250;

const SYNC_MESSAGE = 0;

const isSyncFrame = (frame: Uint8Array, step: number): boolean =>
  frame[0] === SYNC_MESSAGE && frame[1] === step;

interface Confirmation {
  /** Which answer on this socket is ours: the relay answers sync requests in order. */
  readonly answerNumber: number;
  /** The deletions it covers: every one made before it went out. */
  readonly deletions: number;
}

/**
 * Deletions do not move a state vector, so the relay's stored notices (its state vector, R6)
 * cannot show that one is stored: "All changes synced" would show while it is still on its way.
 * So after deleting, the page sends a sync step 1 of its own; the relay answers a request only
 * once everything that socket sent before it is stored (R5), so that answer confirms the
 * deletions. The relay's first sync step 1 on a socket gets a reply carrying every deletion
 * this device made offline, so that reply is confirmed the same way.
 *
 * Requests and answers are counted per socket (sent from `send`, received through
 * `received`): the answers come in the order of the requests, whoever sent them.
 */
export class DeletionReceipts {
  private deletions = 0;
  private confirmedDeletions = 0;
  private requestsSent = 0;
  private answersReceived = 0;
  private greeted = false;
  private inFlight: Confirmation | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private socket: { send(frame: Uint8Array): void } | null = null;

  constructor(
    private readonly doc: Y.Doc,
    /** Called when `settled` may have changed. */
    private readonly onChange: () => void,
  ) {
    doc.on('afterTransaction', this.afterTransaction);
  }

  /** True when the relay has confirmed storing every deletion made on this device. */
  get settled(): boolean {
    return this.confirmedDeletions === this.deletions;
  }

  /**
   * A new socket is open: counts start again, and sends through it are counted from now on.
   * Call before the provider sends its own sync step 1 on it.
   */
  connected(socket: { send(frame: Uint8Array): void }): void {
    this.reset();
    const send = socket.send.bind(socket);
    socket.send = (frame: Uint8Array) => {
      if (isSyncFrame(frame, syncProtocol.messageYjsSyncStep1)) this.requestsSent++;
      send(frame);
    };
    this.socket = socket;
  }

  /** The socket is gone: what was not confirmed on it is confirmed on the next one. */
  disconnected(): void {
    this.reset();
  }

  /** A frame from the relay, before the provider handles it. */
  received(frame: Uint8Array): void {
    if (isSyncFrame(frame, syncProtocol.messageYjsSyncStep1) && !this.greeted) {
      // The provider's reply to this greeting goes out right after; it may carry offline deletions.
      this.greeted = true;
      this.noteDeletion(0);
    } else if (isSyncFrame(frame, syncProtocol.messageYjsSyncStep2)) {
      this.answersReceived++;
      const confirmation = this.inFlight;
      if (confirmation === null || this.answersReceived < confirmation.answerNumber) return;
      this.inFlight = null;
      this.confirmedDeletions = Math.max(this.confirmedDeletions, confirmation.deletions);
      if (!this.settled) this.schedule();
      this.onChange();
    }
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.afterTransaction);
    this.reset();
  }

  private readonly afterTransaction = (transaction: Y.Transaction): void => {
    if (transaction.local && transaction.deleteSet.clients.size > 0) this.noteDeletion();
  };

  private noteDeletion(delayMs = CONFIRM_DELAY_MS): void {
    const wasSettled = this.settled;
    this.deletions++;
    this.schedule(delayMs);
    if (wasSettled) this.onChange();
  }

  private schedule(delayMs = CONFIRM_DELAY_MS): void {
    if (this.socket === null || this.inFlight !== null || this.timer !== null) return;
    // Never within this task: the provider sends the update (or the greeting's reply) in it first.
    this.timer = setTimeout(this.confirm, delayMs);
  }

  private readonly confirm = (): void => {
    this.timer = null;
    if (this.socket === null || this.inFlight !== null) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, SYNC_MESSAGE);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    const deletions = this.deletions;
    this.socket.send(encoding.toUint8Array(encoder));
    this.inFlight = { answerNumber: this.requestsSent, deletions };
  };

  private reset(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight = null;
    this.socket = null;
    this.requestsSent = 0;
    this.answersReceived = 0;
    this.greeted = false;
  }
}
