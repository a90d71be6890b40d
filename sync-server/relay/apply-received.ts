import * as Y from 'yjs';

/** What applying a client's update did: the change to store and relay (null: none), and any error. */
export interface AppliedUpdate {
  readonly change: Uint8Array | null;
  readonly error: unknown;
}

/** Yjs's own test for a transaction worth announcing: something deleted, or a clock moved. */
function changedSomething(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState)
    if ((transaction.beforeState.get(client) ?? 0) !== clock) return true;
  return false;
}

/**
 * Applies a client's update to the room's document. The change to store and relay is usually the
 * bytes the client sent: with an 'update' listener Yjs would encode the transaction again, about a
 * third of what applying a keystroke costs in a profile of the fan-out load. Those bytes may hold
 * more than what was applied (parts already known, or waiting for a missing one), which every
 * replica, and the stored log, handles as Yjs does.
 *
 * Applying can run more than one transaction: after a remote change to text with formatting
 * (a note's bold or link), Yjs runs one more to tidy the formatting. What was applied is the
 * first transaction's; a later one that changed something (a duplicate mark removed) is not in
 * the bytes, so then Yjs's encoding of everything since the first is the change.
 *
 * Yjs's own encoding is also used when the bytes may not hold all that changed: the document held
 * parts waiting for a missing one (this update may complete them), or the update failed partway
 * (its bytes are refused; what it did apply is stored all the same, R13).
 */
export function applyReceivedUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  origin: unknown,
): AppliedUpdate {
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)
    return applyCollecting(doc, update, origin);
  const transactions: Y.Transaction[] = [];
  const remember = (transaction: Y.Transaction): void => {
    transactions.push(transaction);
  };
  doc.on('afterTransaction', remember);
  try {
    Y.applyUpdate(doc, update, origin);
  } catch (error) {
    return { change: encodeSinceFirst(doc, transactions), error };
  } finally {
    doc.off('afterTransaction', remember);
  }
  const [applied, ...followUps] = transactions;
  if (applied === undefined) return { change: null, error: null };
  if (followUps.some(changedSomething))
    return { change: encodeSinceFirst(doc, transactions), error: null };
  return { change: changedSomething(applied) ? update : null, error: null };
}

/** Everything the transactions changed, as Yjs encodes it; null when they changed nothing. */
function encodeSinceFirst(doc: Y.Doc, transactions: readonly Y.Transaction[]): Uint8Array | null {
  const first = transactions[0];
  if (first === undefined || !transactions.some(changedSomething)) return null;
  return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(first.beforeState));
}

function applyCollecting(doc: Y.Doc, update: Uint8Array, origin: unknown): AppliedUpdate {
  const changes: Uint8Array[] = [];
  const collect = (change: Uint8Array): void => {
    changes.push(change);
  };
  doc.on('update', collect);
  let error: unknown = null;
  try {
    Y.applyUpdate(doc, update, origin);
  } catch (thrown) {
    error = thrown;
  } finally {
    doc.off('update', collect);
  }
  const change =
    changes.length === 0 ? null : changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
  return { change, error };
}
