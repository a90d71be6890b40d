import * as Y from 'yjs';
import type { DocumentStore, StoredDocument } from '../storage/document-store.ts';
import type { Logger } from '../observability/logger.ts';
import type { RelayMetrics } from '../observability/metrics.ts';
import type { AppendBatcher } from './append-batcher.ts';
import {
  defaultCompactionPlace,
  logNeedsCompaction,
  type CompactionPlace,
} from './compaction-policy.ts';
import { DocumentSummary } from './document-summary.ts';
import { OffLoopCompaction } from './off-loop-compaction.ts';
import { applyStoredDocument, logSkippedUpdates, rebuildDocument } from './rebuild-document.ts';
import { saveSessionVersion, sessionVersionId } from './session-version.ts';

/**
 * The relay's storage policy, one instance per open room:
 * - every update is appended durably before anyone else receives it (the room awaits `persist`);
 * - the log is compacted into a snapshot as `compaction-policy.ts` says, and when the room
 *   empties, so stored bytes stay under snapshot + 1 MiB;
 * - a version is saved automatically when a session ends after real edits;
 * - a document whose stored bytes reach `offLoopMinBytes` is compacted from those bytes in the
 *   compaction worker (R28), in the background while the room goes on; smaller ones on the loop.
 */
export class RoomPersistence {
  /** The room's document holds every stored update through this sequence number. */
  private heldSeq = 0;
  /**
   * The last sequence number this room knows is stored (its own appends, other nodes' notices).
   * Above `heldSeq` when another process appended in between: the document lacks those updates
   * until `catchUp` reads them, and until then a snapshot of it must not replace them (R17).
   */
  private knownSeq = 0;
  private logUpdates = 0;
  private logBytes = 0;
  private editedThisSession = false;
  private readStartedAt = 0;
  /** Bytes of the stored snapshot, as last read or written: with `logBytes`, what a compaction merges. */
  private snapshotBytes = 0;
  private readonly offLoop: OffLoopCompaction;
  private readonly summary: DocumentSummary;
  /** The compaction running in the background, if any; the closing room waits for it. */
  private background: Promise<void> | null = null;
  /** The last background compaction failed: the next one runs on the loop (the old way, certain). */
  private retryOnLoop = false;

  constructor(
    readonly documentId: string,
    private readonly store: DocumentStore,
    /** Shared by every room, so one commit covers every room busy in the same tick. */
    private readonly batcher: AppendBatcher,
    private readonly logger: Logger,
    private readonly metrics: RelayMetrics,
    private readonly place: CompactionPlace = defaultCompactionPlace(),
  ) {
    this.summary = new DocumentSummary(documentId, store);
    this.offLoop = new OffLoopCompaction(
      documentId,
      store,
      place.worker,
      logSkippedUpdates(logger, documentId),
    );
  }

  /** Loads the stored document. A stored update that no longer applies is skipped and logged, never fatal. */
  async load(): Promise<Y.Doc> {
    return this.build(await this.read());
  }

  /** Reads what storage holds for the document; `build` then makes the room's Y.Doc of it. */
  async read(): Promise<StoredDocument> {
    this.readStartedAt = performance.now();
    return this.store.loadDocument(this.documentId);
  }

  /** The room's Y.Doc from what `read` returned. */
  build(stored: StoredDocument): Y.Doc {
    const doc = rebuildDocument(stored, logSkippedUpdates(this.logger, this.documentId));
    this.heldSeq = stored.lastSeq;
    // Notices heard while loading (the room subscribes first) may be newer than what was read.
    this.knownSeq = Math.max(this.knownSeq, stored.lastSeq);
    this.logUpdates = stored.updates.length;
    this.logBytes = stored.updates.reduce((sum, update) => sum + update.byteLength, 0);
    this.snapshotBytes = stored.snapshot?.byteLength ?? 0;
    this.summary.noteLoaded(doc);
    this.metrics.loadSeconds.observe((performance.now() - this.readStartedAt) / 1000);
    return doc;
  }

  /** When the room may start its next round: with every other busy room, so their appends share a commit. */
  waitForRoundStart(): Promise<void> {
    return this.batcher.waitForRoundStart();
  }

  /** True when other processes stored updates this room's document does not hold yet. */
  get isBehind(): boolean {
    return this.knownSeq > this.heldSeq;
  }

  /** The sequence number the document holds everything through. */
  get held(): number {
    return this.heldSeq;
  }

  /** Another node stored up to `seq` (its notice, possibly out of order or repeated). */
  noteStoredElsewhere(seq: number): void {
    if (seq > this.knownSeq) this.knownSeq = seq;
  }

  /** `doc` now holds every update through `seq`: one remote update applied in order. */
  noteHeld(seq: number): void {
    if (seq > this.heldSeq) this.heldSeq = seq;
    if (seq > this.knownSeq) this.knownSeq = seq;
  }

  /**
   * Brings `doc` up to what is stored: reads what it lacks and applies it. Resolves with what
   * the document gained (possibly nothing), for the room to deliver; it is all stored already.
   */
  async catchUp(doc: Y.Doc): Promise<Uint8Array[]> {
    const claimedBefore = this.knownSeq;
    const stored = await this.store.readUpdatesAfter(this.documentId, this.heldSeq);
    const gained: Uint8Array[] = [];
    const collect = (update: Uint8Array): void => {
      gained.push(update);
    };
    doc.on('update', collect);
    try {
      applyStoredDocument(doc, stored, logSkippedUpdates(this.logger, this.documentId));
    } finally {
      doc.off('update', collect);
    }
    this.heldSeq = stored.lastSeq;
    // A notice heard during the read may be for a commit after it: keep it, so the room reads
    // again. One heard before the read and still above what storage holds cannot be true (notices
    // come after commit): drop it, so a bogus one cannot keep the room reading forever.
    this.knownSeq =
      this.knownSeq > claimedBefore ? Math.max(this.knownSeq, stored.lastSeq) : stored.lastSeq;
    return gained;
  }

  /**
   * Appends the updates (in the tick's shared transaction); resolves with the last one's
   * sequence number once they are durable.
   */
  async persist(doc: Y.Doc, updates: readonly Uint8Array[]): Promise<number> {
    const started = performance.now();
    const lastSeq = await this.batcher.append(this.documentId, updates);
    // Contiguous with what the document holds: it holds these too. Else another process
    // appended in between, and the room must catch up before it may compact.
    if (lastSeq - updates.length === this.heldSeq && !this.isBehind) this.heldSeq = lastSeq;
    if (lastSeq > this.knownSeq) this.knownSeq = lastSeq;
    this.metrics.persistSeconds.observe((performance.now() - started) / 1000);
    this.logUpdates += updates.length;
    for (const update of updates) this.logBytes += update.byteLength;
    this.editedThisSession = true;
    if (logNeedsCompaction(this.logUpdates, this.logBytes)) {
      if (this.isLarge && !this.retryOnLoop) this.compactInBackground();
      else if (this.background === null) await this.compact(doc);
    }
    await this.summary.update(doc);
    return lastSeq;
  }

  /** Large enough that encoding it would hold the event loop longer than the worker's round trip. */
  private get isLarge(): boolean {
    return this.snapshotBytes + this.logBytes >= this.place.offLoopMinBytes;
  }

  /**
   * Starts an off-loop compaction unless one is running; the room's rounds go on meanwhile. It
   * reads and writes only storage, never the room's document, so a room that fails or closes
   * meanwhile harms nothing. When it fails the log stays as it is and the next round compacts on
   * the loop.
   */
  private compactInBackground(): void {
    if (this.background !== null) return;
    // Every update counted now is stored already, so the merge (read after this) folds them all.
    const counted = { updates: this.logUpdates, bytes: this.logBytes };
    this.background = this.offLoop
      .compact(false)
      .then(({ snapshot, folded }) => {
        if (folded) this.noteCompacted(snapshot, counted);
      })
      .catch((error: unknown) => {
        this.retryOnLoop = true;
        this.logger.warn(
          { documentId: this.documentId, error },
          'compaction in the worker failed; the next one runs on the event loop',
        );
      })
      .finally(() => {
        this.background = null;
      });
  }

  private noteCompacted(
    snapshot: Uint8Array,
    counted: { readonly updates: number; readonly bytes: number },
  ): void {
    this.logUpdates = Math.max(0, this.logUpdates - counted.updates);
    this.logBytes = Math.max(0, this.logBytes - counted.bytes);
    this.snapshotBytes = snapshot.byteLength;
    this.metrics.compactions.inc();
  }

  /**
   * Replaces the log with a snapshot of `doc`, which must hold exactly what is stored. `encode`
   * gives the snapshot; the closing room passes one it shares with the session's version.
   */
  async compact(
    doc: Y.Doc,
    encode: () => Uint8Array = () => Y.encodeStateAsUpdate(doc),
  ): Promise<void> {
    if (this.logUpdates === 0 || this.isBehind) return;
    const snapshot = encode();
    await this.store.compact(this.documentId, snapshot, this.heldSeq);
    this.noteCompacted(snapshot, { updates: this.logUpdates, bytes: this.logBytes });
    this.retryOnLoop = false;
  }

  /** The session ended: compact, and keep a version if anything changed. */
  async closeSession(doc: Y.Doc): Promise<void> {
    // A background compaction never throws; waiting for it keeps one compaction at a time.
    await this.background;
    try {
      if (this.isLarge && (await this.closeSessionOffLoop(doc))) return;
    } finally {
      this.offLoop.forget();
    }
    await this.closeSessionOnLoop(doc);
  }

  /**
   * The closing compaction and the version, both from the worker's merge of what is stored (R28).
   * False when the worker failed, and the session closes on the loop instead (nothing written yet
   * that the loop's way would not write the same).
   */
  private async closeSessionOffLoop(doc: Y.Doc): Promise<boolean> {
    if (this.logUpdates === 0 && !this.editedThisSession) {
      await this.summary.update(doc, { edited: this.editedThisSession });
      return true;
    }
    let compacted;
    try {
      compacted = await this.offLoop.compact(this.editedThisSession);
    } catch (error) {
      this.logger.warn(
        { documentId: this.documentId, error },
        'closing compaction in the worker failed; compacting on the event loop',
      );
      return false;
    }
    if (compacted.folded)
      this.noteCompacted(compacted.snapshot, { updates: this.logUpdates, bytes: this.logBytes });
    await this.summary.update(doc, { edited: this.editedThisSession });
    if (!this.editedThisSession || compacted.versionId === null) return true;
    this.editedThisSession = false;
    const { snapshot } = compacted;
    await saveSessionVersion(this.store, this.documentId, compacted.versionId, () => snapshot);
    return true;
  }

  private async closeSessionOnLoop(doc: Y.Doc): Promise<void> {
    // Encoding a large, fragmented document holds the event loop (figures: tests/bench/README.md,
    // Housekeeping), and nothing changes it while the room closes, so one encoding serves both the
    // snapshot and the version.
    let state: Uint8Array | null = null;
    const encode = (): Uint8Array => (state ??= Y.encodeStateAsUpdate(doc));
    await this.compact(doc, encode);
    await this.summary.update(doc, { edited: this.editedThisSession });
    if (!this.editedThisSession) return;
    this.editedThisSession = false;
    await saveSessionVersion(
      this.store,
      this.documentId,
      sessionVersionId(this.documentId, doc),
      encode,
    );
  }
}
