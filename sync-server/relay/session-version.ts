import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { DocumentStore, VersionRecord } from '../storage/document-store.ts';

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

/** The record of a "Session ended" version named `id`, saved by the relay as a room closes. */
function sessionEndedVersion(documentId: string, id: string): VersionRecord {
  return {
    id,
    documentId,
    label: 'Session ended',
    auto: true,
    createdAt: new Date().toISOString(),
  };
}

/**
 * Saves the "Session ended" version named `versionId` (from `sessionVersionId`, by its content),
 * with the state `encode` gives, so another node closing its room on the same state saves no
 * second one (R25), and the store logs only the version it stores (S16): one `version-saved`
 * event, by the actor `system`, per version. A document deleted while its room was open keeps no
 * version (and has no workspace to log it in).
 */
export async function saveSessionVersion(
  store: DocumentStore,
  documentId: string,
  versionId: string,
  encode: () => Uint8Array,
): Promise<void> {
  const record = await store.getDocument(documentId);
  if (record === null) return;
  const version = sessionEndedVersion(documentId, versionId);
  await store.saveVersion(version, encode(), [
    {
      workspaceId: record.workspaceId,
      at: version.createdAt,
      actor: { type: 'system' },
      action: 'version-saved',
      target: documentId,
      outcome: 'success',
      requestId: null,
      detail: version.id,
    },
  ]);
}
