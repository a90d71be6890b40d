import * as Y from 'yjs';
import type { StoredDocument } from '../storage/document-store.ts';
import type { Received } from './open-document.ts';
import { encodeSyncStep2FromUpdate, encodeSyncUpdate } from './protocol.ts';
import { EMPTY_SYNC_ANSWER } from './sync-answer.ts';

/** What the stored parts hold for one client, or null when a part does not decode (the room answers once built). */
export type StoredAnswer = readonly Uint8Array[] | null;

/**
 * The frames answering a sync step 1 straight from what storage holds (R26), before the room's
 * Y.Doc is built: what each stored part (the snapshot, then each update of the log) holds beyond
 * `stateVector`, as sync updates, then a sync step 2 with the last part, so a stock client
 * reports "synced" only once it has applied them all.
 *
 * The parts travel one by one instead of merged: `Y.mergeUpdates` is quadratic in the number of
 * updates, while `Y.diffUpdate` reads each part once; and this answer does not wait for the
 * room's Y.Doc, whose building from a large snapshot is the slow part (figures:
 * tests/bench/README.md, "Relay settings").
 */
export function answerFromStoredParts(
  stored: StoredDocument,
  stateVector: Uint8Array,
): StoredAnswer {
  const parts = stored.snapshot === null ? stored.updates : [stored.snapshot, ...stored.updates];
  const hasNothing = stateVector.byteLength === 1 && stateVector[0] === 0;
  try {
    const answers = parts.map((part) => (hasNothing ? part : Y.diffUpdate(part, stateVector)));
    if (answers.length === 0) return [encodeSyncStep2FromUpdate(new Uint8Array([0, 0]))];
    const last = answers.pop()!;
    return [...answers.map((answer) => encodeSyncUpdate(answer)), encodeSyncStep2FromUpdate(last)];
  } catch {
    return null;
  }
}

/**
 * Answers the sync requests waiting in a loading room's inbox from the stored bytes (R26): only
 * those ahead of every document update in it, since an answer must hold everything received
 * before its request (R5) and those updates are not stored yet. Returns the inbox without the
 * requests answered; the rest wait for the built document.
 */
export function answerWaitingRequests(
  inbox: readonly Received[],
  stored: StoredDocument,
): Received[] {
  const firstUpdate = inbox.findIndex(({ message }) => message.type === 'update');
  const answerable = firstUpdate === -1 ? inbox.length : firstUpdate;
  const answered = new Set<Received>();
  for (const received of inbox.slice(0, answerable)) {
    const { connection, message } = received;
    if (message.type !== 'sync-step-1' || connection.closedByServer) continue;
    // Answered in full already (R30): what it lacks is on its way.
    const frames = connection.holdsEveryChange
      ? [EMPTY_SYNC_ANSWER]
      : answerFromStoredParts(stored, message.stateVector);
    if (frames === null) break; // a stored part does not decode: the built document answers
    for (const frame of frames) connection.send(frame);
    connection.holdsEveryChange = true;
    answered.add(received);
    connection.dequeued();
  }
  return answered.size === 0 ? [...inbox] : inbox.filter((received) => !answered.has(received));
}
