import { coversState } from './stored-state.ts';

/**
 * Which of the relay's sync step 1 frames the page answers. The relay greets each socket with
 * one, and its answer carries what this device holds and the relay lacks, deletions made offline
 * included: that one is always answered. Every later one is a stored notice (R6), whose answer
 * the relay drops, while y-websocket would answer each with Yjs's whole delete set, built by
 * walking every item of the document: for a note with 20,000 edits behind it, about 7 KB and a
 * millisecond of the main thread each time the person pauses. What the page sends on a socket
 * reaches the relay in order, so a notice is answered only when the relay still lacks something
 * the device held at the notice before it: something that is not on its way.
 */
export class StoredNoticeReplies {
  private greeted = false;
  /** What the device held when the last sync step 1 came (client id → clock). */
  private heldBefore: ReadonlyMap<number, number> | null = null;

  /** A new socket: its first sync step 1 is the relay's greeting. */
  connected(): void {
    this.greeted = false;
    this.heldBefore = null;
  }

  /**
   * Whether to answer the relay's sync step 1 carrying `stored`; `held` is what the device holds
   * now, read only when a sync step 1 comes.
   */
  shouldAnswer(
    stored: ReadonlyMap<number, number>,
    held: () => ReadonlyMap<number, number>,
  ): boolean {
    const heldBefore = this.heldBefore;
    this.heldBefore = held();
    if (this.greeted) return heldBefore !== null && !coversState(stored, heldBefore);
    this.greeted = true;
    return true;
  }
}
