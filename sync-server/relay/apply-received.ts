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
 * Yjs's encoding of what changed is used instead when the bytes may not hold all of it: the
 * document held parts waiting for a missing one (this update may complete them), or the update
 * failed partway (its bytes are refused; what it did apply is stored all the same, R13).
 */
export function applyReceivedUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  origin: unknown,
): AppliedUpdate {
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null)
    return applyCollecting(doc, update, origin);
  let transaction: Y.Transaction | null = null;
  const remember = (applied: Y.Transaction): void => {
    transaction = applied;
  };
  doc.on('afterTransaction', remember);
  try {
    Y.applyUpdate(doc, update, origin);
  } catch (error) {
    const partial = transaction as Y.Transaction | null;
    const change =
      partial !== null && changedSomething(partial)
        ? Y.encodeStateAsUpdate(doc, Y.encodeStateVector(partial.beforeState))
        : null;
    return { change, error };
  } finally {
    doc.off('afterTransaction', remember);
  }
  const applied = transaction as Y.Transaction | null;
  return { change: applied !== null && changedSomething(applied) ? update : null, error: null };
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
