import type * as Y from 'yjs';
import { observeMeta, readMeta } from '#core/schema';
import type { DocumentStore } from '../storage/document-store.ts';

/** The document list shows "last change" and the title; every few seconds is plenty for that. */
const SUMMARY_INTERVAL_MS = 5000;

/**
 * Keeps one open document's summary in the store (its title and when it last changed, for the
 * document list): written when the title changes, at most every few seconds while edits go on,
 * and once more as the room closes if the session changed anything.
 */
export class DocumentSummary {
  private lastTitle: string | null = null;
  private lastWrittenAt = 0;
  /** Set when the meta changed since the title was last read: reading it each round costs. */
  private metaChanged = true;

  constructor(
    private readonly documentId: string,
    private readonly store: DocumentStore,
  ) {}

  /** The document as loaded from storage: its title is what the store holds already. */
  noteLoaded(doc: Y.Doc): void {
    this.lastTitle = readMeta(doc).value.title;
    this.metaChanged = false;
    observeMeta(doc, () => {
      this.metaChanged = true;
    });
  }

  /**
   * Writes the summary after a round when it is due. `closing` forces the write as the room
   * closes, unless the session changed nothing (`edited` false and the same title).
   */
  async update(doc: Y.Doc, closing?: { readonly edited: boolean }): Promise<void> {
    const now = Date.now();
    if (!closing && !this.metaChanged && now - this.lastWrittenAt < SUMMARY_INTERVAL_MS) return;
    this.metaChanged = false;
    const title = readMeta(doc).value.title;
    if (!closing && title === this.lastTitle && now - this.lastWrittenAt < SUMMARY_INTERVAL_MS)
      return;
    if (closing && !closing.edited && title === this.lastTitle) return;
    this.lastTitle = title;
    this.lastWrittenAt = now;
    await this.store.updateDocumentSummary(this.documentId, {
      title,
      updatedAt: new Date(now).toISOString(),
    });
  }
}
