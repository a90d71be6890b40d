import * as Y from 'yjs';
import type { Connection } from './connection.ts';
import { encodeSyncUpdate } from './protocol.ts';

/** A document change, and the socket it came from (null: the server's own, or another node's). */
export interface Change {
  readonly update: Uint8Array;
  readonly origin: Connection | null;
}

/**
 * Runs `apply` and returns the changes it made to `doc`. With `fromSockets`, each change's
 * origin is the Connection its transaction was applied with; otherwise none has a socket.
 */
export function collectChanges(doc: Y.Doc, fromSockets: boolean, apply: () => void): Change[] {
  const changes: Change[] = [];
  const collect = (update: Uint8Array, origin: unknown): void => {
    changes.push({ update, origin: fromSockets ? (origin as Connection) : null });
  };
  doc.on('update', collect);
  try {
    apply();
  } finally {
    doc.off('update', collect);
  }
  return changes;
}

/** The one socket (or null: the server) every change came from, or undefined when there are several. */
export function soleOrigin(changes: readonly Change[]): Connection | null | undefined {
  const first = changes[0]?.origin;
  for (const change of changes) if (change.origin !== first) return undefined;
  return first;
}

/**
 * Sends stored changes (`update`, all of them merged) to every socket, each without what it sent
 * itself (R2): sockets that sent nothing get the one shared frame; a writer gets the others'
 * changes, if any. Returns the number of frames sent.
 */
export function fanOut(
  connections: ReadonlySet<Connection>,
  update: Uint8Array,
  changes: readonly Change[],
): number {
  const everything = encodeSyncUpdate(update);
  const sole = soleOrigin(changes);
  let delivered = 0;
  if (sole !== undefined) {
    // The usual round (one writer): no set of origins to build and look up per socket.
    for (const connection of connections) {
      if (connection === sole) continue;
      connection.send(everything);
      delivered++;
    }
    return delivered;
  }
  const origins = new Set(changes.map((change) => change.origin));
  for (const connection of connections) {
    if (origins.has(connection)) continue;
    connection.send(everything);
    delivered++;
  }
  for (const origin of origins) {
    if (origin === null || !connections.has(origin)) continue;
    const others = changes
      .filter((change) => change.origin !== origin)
      .map((change) => change.update);
    origin.send(encodeSyncUpdate(others.length === 1 ? others[0]! : Y.mergeUpdates(others)));
    delivered++;
  }
  return delivered;
}
