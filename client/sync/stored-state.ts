import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * "All changes synced" must be true, not hopeful. The relay sends its state vector (a standard
 * sync step 1) when a client connects and after storing each round of that client's updates;
 * the local document is stored when, for every client id it knows, the server has at least as
 * many operations.
 */
export function coversState(
  serverStateVector: ReadonlyMap<number, number>,
  localStateVector: ReadonlyMap<number, number>,
): boolean {
  for (const [client, clock] of localStateVector) {
    if ((serverStateVector.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/**
 * Reads the state vector out of a sync step 1 frame without consuming the provider's decoder.
 * Returns null for every other message.
 */
export function peekServerStateVector(frame: Uint8Array): Map<number, number> | null {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 0) return null;
    return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
  } catch {
    return null;
  }
}
