import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

const SYNC_MESSAGE = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/**
 * The update a y-protocols sync step 2 or update frame carries, read without consuming the
 * provider's decoder; null for every other message.
 */
export function peekReceivedUpdate(frame: Uint8Array): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== SYNC_MESSAGE) return null;
    const step = decoding.readVarUint(decoder);
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return null;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return null;
  }
}

/**
 * Set in the meta of a transaction that integrated nothing but the received bytes (nothing was
 * waiting for a gap before them), so its after-state says what those bytes added.
 */
const ONLY_RECEIVED = 'pathways:only-received';

/** A Y.Doc `update` listener, with every argument Yjs passes. */
export type UpdateListener = (
  update: Uint8Array,
  origin: unknown,
  doc: Y.Doc,
  transaction: Y.Transaction,
) => void;

/**
 * Runs `apply` (the provider applying `received`) and hands the document's `update` listeners the
 * bytes that arrived instead of a fresh encoding of what changed. While a document has `update`
 * listeners, Yjs encodes every transaction's changes for them, and for the relay's whole document
 * that re-encodes all of it on the main thread as the page opens: about as long again as applying
 * it. Every listener here treats the bytes as an update to store or read a state vector from, and
 * the frame holds at least what changed (the rest is what the document had already). They are
 * called only when the document changed, as Yjs calls them.
 */
export function applyAnnouncingReceived(
  doc: Y.Doc,
  received: Uint8Array,
  origin: unknown,
  apply: () => void,
): void {
  const listeners = doc._observers.get('update') as Set<UpdateListener> | undefined;
  // With changes waiting for a gap to fill, this update may integrate them too, and the bytes that
  // arrived would not hold them: Yjs's own encoding does.
  const waiting = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  if (listeners === undefined || listeners.size === 0 || waiting) return apply();
  let changed: Y.Transaction | null = null;
  const onAfterTransaction = (transaction: Y.Transaction): void => {
    if (transaction.deleteSet.clients.size > 0 || grew(transaction)) changed = transaction;
  };
  doc._observers.delete('update');
  doc.on('afterTransaction', onAfterTransaction);
  try {
    apply();
  } finally {
    doc.off('afterTransaction', onAfterTransaction);
    // A listener added while the update was applied joins the others.
    for (const added of (doc._observers.get('update') as Set<UpdateListener> | undefined) ?? [])
      listeners.add(added);
    doc._observers.set('update', listeners);
  }
  const transaction = changed as Y.Transaction | null;
  if (transaction === null) return;
  transaction.meta.set(ONLY_RECEIVED, true);
  for (const listener of [...listeners]) listener(received, origin, doc, transaction);
}

const grew = (transaction: Y.Transaction): boolean => {
  for (const [client, clock] of transaction.afterState)
    if ((transaction.beforeState.get(client) ?? 0) !== clock) return true;
  return false;
};

/**
 * The clocks an update the relay sent brings this device up to, by client. Read from the
 * transaction when it integrated only those bytes: reading them walks every item, about as long
 * as applying them (a 200-row document's whole copy, as the page opens). A client whose changes
 * were all here already is left out: the relay answers with only what this device lacks.
 */
export function clocksReceived(
  update: Uint8Array,
  transaction: Y.Transaction,
): Map<number, number> {
  if (transaction.meta.get(ONLY_RECEIVED) !== true)
    return Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
  const raised = new Map<number, number>();
  for (const [client, clock] of transaction.afterState)
    if ((transaction.beforeState.get(client) ?? 0) < clock) raised.set(client, clock);
  return raised;
}
