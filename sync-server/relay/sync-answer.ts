import * as Y from 'yjs';
import type { Connection } from './connection.ts';
import { encodeSyncStep2, encodeSyncStep2FromUpdate } from './protocol.ts';

/** A sync step 2 carrying the empty update: nothing the requester lacks. */
export const EMPTY_SYNC_ANSWER = encodeSyncStep2FromUpdate(new Uint8Array([0, 0]));

/**
 * The answer to a sync step 1 (R30). Yjs's answer always carries the document's whole delete set,
 * and building it walks every item of the document: for a note with 20,000 edits behind it,
 * about 7 KB and a millisecond, for every deletion our client has confirmed (R5). A socket the
 * room has answered in full before lacks no deletion, since every change since reached it by
 * fan-out or came from it, so while its state vector shows no missing item it gets the empty
 * update; otherwise the full answer, as a first request does.
 */
export function answerSyncRequest(
  doc: Y.Doc,
  connection: Connection,
  stateVector: Uint8Array,
): Uint8Array {
  if (connection.holdsEveryChange && !lacksItems(doc, stateVector)) return EMPTY_SYNC_ANSWER;
  connection.holdsEveryChange = true;
  return encodeSyncStep2(doc, stateVector);
}

/** True when `doc` holds items beyond `stateVector` (the protocol decoder has checked it decodes). */
function lacksItems(doc: Y.Doc, stateVector: Uint8Array): boolean {
  const theirs = Y.decodeStateVector(stateVector);
  for (const client of doc.store.clients.keys())
    if ((theirs.get(client) ?? 0) < Y.getState(doc.store, client)) return true;
  return false;
}
