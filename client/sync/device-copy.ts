import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import type * as Y from 'yjs';

/**
 * Past this many stored updates, the copy is rewritten as one once it has loaded: every page
 * that opens it while the relay has already sent the document stores the whole document once
 * more (y-indexeddb does so on opening), and a device that opens offline reads them all.
 */
const COMPACT_AFTER_UPDATES = 8;

/**
 * This device's copy of a document in IndexedDB, opened when the session says so rather than
 * when the page starts. Reading it applies the whole document to the Y.Doc, on the main thread;
 * while the relay is sending the same document, the page does not wait for both (see
 * DocumentSession). Until it is open, nothing is written: y-indexeddb stores the whole document
 * as it then is when it opens, so what happened before is kept all the same.
 */
export class DeviceCopy {
  private persistence: IndexeddbPersistence | null = null;
  private destroyed = false;
  loaded = false;

  constructor(
    private readonly name: string,
    private readonly doc: Y.Doc,
    private readonly onLoaded: () => void,
  ) {}

  get opened(): boolean {
    return this.persistence !== null;
  }

  /** Starts reading the copy (and writing to it); safe to call again. */
  open(): void {
    if (this.persistence !== null || this.destroyed) return;
    const persistence = new IndexeddbPersistence(this.name, this.doc);
    // The session decides what is written when (store below), not y-indexeddb's own listener.
    this.doc.off('update', persistence._storeUpdate);
    this.persistence = persistence;
    void persistence.whenSynced.then(() => {
      if (this.destroyed) return;
      this.loaded = true;
      this.onLoaded();
      if (persistence._dbsize > COMPACT_AFTER_UPDATES) void storeState(persistence, true);
    });
  }

  /** Writes an update; before the copy is open it is already part of what opening stores. */
  /** True for a change this copy applied as it was read: it is stored here already. */
  isReadFromHere(origin: unknown): boolean {
    return origin !== null && origin === this.persistence;
  }

  store(update: Uint8Array, origin: unknown): void {
    this.persistence?._storeUpdate(update, origin);
  }

  destroy(): void {
    this.destroyed = true;
    void this.persistence?.destroy();
  }
}
