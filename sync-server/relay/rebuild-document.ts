import * as Y from 'yjs';
import type { Logger } from '../observability/logger.ts';
import type { StoredDocument } from '../storage/document-store.ts';

/** Called for a stored update that no longer applies: it is skipped, never fatal. */
export type OnSkippedUpdate = (index: number, error: unknown) => void;

/** Logs each stored update of the document that does not apply (the rest of it still loads). */
export function logSkippedUpdates(logger: Logger, documentId: string): OnSkippedUpdate {
  return (index, error) =>
    logger.error({ documentId, index, error }, 'skipped a stored update that does not apply');
}

/**
 * Applies what storage holds (the snapshot, then the log in order) to `doc`, in one transaction.
 * A stored update that does not apply is reported and skipped, so one bad row never makes a
 * whole document unreadable. Applying what `doc` already holds changes nothing (Yjs updates are
 * idempotent), so the same function fills a gap after `readUpdatesAfter`.
 */
export function applyStoredDocument(
  doc: Y.Doc,
  stored: StoredDocument,
  onSkipped: OnSkippedUpdate,
  origin: unknown = null,
): void {
  const parts = stored.snapshot === null ? stored.updates : [stored.snapshot, ...stored.updates];
  doc.transact(() => {
    for (const [index, update] of parts.entries()) {
      try {
        Y.applyUpdate(doc, update);
      } catch (error) {
        onSkipped(index, error);
      }
    }
  }, origin);
}

/** A new Y.Doc holding what storage holds; see applyStoredDocument. */
export function rebuildDocument(stored: StoredDocument, onSkipped: OnSkippedUpdate): Y.Doc {
  const doc = new Y.Doc();
  applyStoredDocument(doc, stored, onSkipped);
  return doc;
}
