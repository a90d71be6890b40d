import type * as Y from 'yjs';
import type { Connection } from './connection.ts';
import { encodeSyncStep2, encodeSyncStep2FromUpdate } from './protocol.ts';

/** A sync step 2 carrying the empty update. */
export const EMPTY_SYNC_ANSWER = encodeSyncStep2FromUpdate(new Uint8Array([0, 0]));

/**
 * The answer to a sync step 1 (R30). Yjs's answer always carries the document's whole delete set,
 * built by walking every item of the document: for a note with 20,000 edits behind it, about
 * 7 KB, for each deletion our client confirms (R5), and for each request a hostile client repeats.
 * A socket the room has answered in full once lacks nothing that is not already on its way: every
 * change since reached it by fan-out, ahead of this answer on the same socket, or came from it.
 * So it gets the empty update; a first request gets the full answer.
 */
export function answerSyncRequest(
  doc: Y.Doc,
  connection: Connection,
  stateVector: Uint8Array,
): Uint8Array {
  if (connection.holdsEveryChange) return EMPTY_SYNC_ANSWER;
  connection.holdsEveryChange = true;
  return encodeSyncStep2(doc, stateVector);
}
