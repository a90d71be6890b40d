import { createHash } from 'node:crypto';
import * as Y from 'yjs';

/**
 * The id of a "Session ended" version, named by what the document holds: its state vector and
 * delete set (a Yjs snapshot, encoded in a fixed order). Two nodes whose rooms for the same
 * document close on the same stored state save the same id, and the store keeps the first
 * (S16), so a session shared across nodes ends in one version, not one per node (R25).
 */
export function sessionVersionId(documentId: string, doc: Y.Doc): string {
  const digest = createHash('sha256')
    .update(documentId)
    .update(Y.encodeSnapshot(Y.snapshot(doc)))
    .digest('hex');
  return `session-${digest.slice(0, 32)}`;
}
