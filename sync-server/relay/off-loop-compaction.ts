import type { DocumentStore, StoredDocument } from '../storage/document-store.ts';
import { MissingBaseError, type CompactionWorker } from './compaction-worker-client.ts';

/** One compaction done off the loop: what was written, through which sequence number. */
export interface OffLoopSnapshot {
  readonly snapshot: Uint8Array;
  /** The snapshot holds exactly every update stored through this (S12). */
  readonly throughSeq: number;
  readonly versionId: string | null;
  /** False when the log held nothing to fold, and storage was left as it was. */
  readonly folded: boolean;
}

/**
 * Compacts one document from its stored bytes, merged by the compaction worker (R28), never from
 * the room's Y.Doc: the snapshot holds what storage held through the sequence number read, so it
 * is right whatever the room's document holds, and updates appended meanwhile stay in the log (S4).
 * The worker keeps the document between compactions, so each one reads and sends only the log
 * rows stored since the last (S14); when the worker lost it (a restart) everything is read again.
 */
let instances = 0;

export class OffLoopCompaction {
  /** What the worker keeps this room's copy as (see MergeRequest.keptAs). */
  private readonly keptAs: string;
  /** The worker's copy holds everything through this, as of its last merge; null when it has none. */
  private workerSeq: number | null = null;

  constructor(
    private readonly documentId: string,
    private readonly store: DocumentStore,
    private readonly worker: CompactionWorker,
    private readonly onSkipped: (index: number, message: string) => void,
  ) {
    this.keptAs = `${documentId}#${++instances}`;
  }

  /** Merges what is stored into one snapshot and, when the log held anything, replaces it with that (S3). */
  async compact(withVersionId: boolean): Promise<OffLoopSnapshot> {
    const { stored, merged } = await this.mergeStored(withVersionId);
    // With nothing in the log there is nothing to fold; the snapshot still serves a version.
    const folded = stored.updates.length > 0;
    if (folded) await this.store.compact(this.documentId, merged.snapshot, stored.lastSeq);
    return {
      snapshot: merged.snapshot,
      throughSeq: stored.lastSeq,
      versionId: merged.versionId,
      folded,
    };
  }

  /** The room closed: the worker need not keep its copy. */
  forget(): void {
    this.workerSeq = null;
    this.worker.forget(this.keptAs);
  }

  private async mergeStored(
    withVersionId: boolean,
  ): Promise<{ stored: StoredDocument; merged: Awaited<ReturnType<CompactionWorker['merge']>> }> {
    const base = this.workerSeq;
    // Null first: a merge that fails leaves the worker's copy in doubt.
    this.workerSeq = null;
    if (base !== null) {
      const stored = await this.store.readUpdatesAfter(this.documentId, base);
      try {
        const merged = await this.worker.merge({
          documentId: this.documentId,
          keptAs: this.keptAs,
          baseSeq: base,
          parts: partsOf(stored),
          lastSeq: stored.lastSeq,
          withVersionId,
        });
        return this.keep(stored, merged);
      } catch (error) {
        if (!(error instanceof MissingBaseError)) throw error;
      }
    }
    const stored = await this.store.loadDocument(this.documentId);
    const merged = await this.worker.merge({
      documentId: this.documentId,
      keptAs: this.keptAs,
      baseSeq: null,
      parts: partsOf(stored),
      lastSeq: stored.lastSeq,
      withVersionId,
    });
    return this.keep(stored, merged);
  }

  private keep(
    stored: StoredDocument,
    merged: Awaited<ReturnType<CompactionWorker['merge']>>,
  ): { stored: StoredDocument; merged: typeof merged } {
    this.workerSeq = stored.lastSeq;
    for (const { index, message } of merged.skipped) this.onSkipped(index, message);
    return { stored, merged };
  }
}

function partsOf(stored: StoredDocument): Uint8Array[] {
  return stored.snapshot === null ? [...stored.updates] : [stored.snapshot, ...stored.updates];
}
