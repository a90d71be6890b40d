/** The messages between the relay and its compaction worker thread (compaction-worker.ts). */

/**
 * Merge `parts` (stored bytes: a snapshot and log rows, in storage order) into one snapshot.
 * With `baseSeq` null the worker starts from an empty document; otherwise it applies the parts
 * to the document it kept from its last merge, which must hold everything through `baseSeq`.
 */
export interface MergeRequest {
  readonly kind: 'merge';
  readonly id: number;
  readonly documentId: string;
  /**
   * Names the document the worker keeps for the caller: one per room's persistence, so two rooms
   * of one document (two relays in a process, a room reopened) never build on each other's copy.
   */
  readonly keptAs: string;
  readonly baseSeq: number | null;
  readonly parts: readonly Uint8Array[];
  /** The document holds everything through this sequence number once the parts are applied. */
  readonly lastSeq: number;
  /** Also name the result as a "Session ended" version (session-version.ts, R25). */
  readonly withVersionId: boolean;
}

/** Drop what the worker keeps for a document (its room closed). */
export interface ForgetRequest {
  readonly kind: 'forget';
  readonly keptAs: string;
}

/**
 * A MergeRequest as it crosses to the thread: its parts packed into one buffer that moves rather
 * than being copied (cloning a thousand log rows one by one cost the loop more than copying bytes).
 */
export interface PackedMergeRequest extends Omit<MergeRequest, 'parts'> {
  readonly packed: Uint8Array;
  readonly partLengths: readonly number[];
}

export type WorkerRequest = PackedMergeRequest | ForgetRequest;

export type MergeReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly snapshot: Uint8Array;
      readonly versionId: string | null;
      /** Stored parts that did not apply (by index in `parts`), skipped as at load. */
      readonly skipped: readonly { readonly index: number; readonly message: string }[];
    }
  | {
      readonly id: number;
      readonly ok: false;
      /** `missing-base`: the worker does not hold the document through `baseSeq` (it restarted, or dropped it). */
      readonly reason: 'missing-base' | 'error';
      readonly message: string;
    };
