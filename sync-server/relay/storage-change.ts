import * as Y from 'yjs';
import { DocumentDeletedError, type DocumentStore } from '../storage/document-store.ts';
import type { NodeBus } from './node-bus.ts';
import { rebuildDocument, type OnSkippedUpdate } from './rebuild-document.ts';

/**
 * A change the server makes to a document no room holds open (R7): built on what is stored,
 * appended as one update, and announced to the other nodes. Nobody has seen this document in
 * memory, so a change that throws is simply not stored. Resolves with what `change` returned.
 */
export async function writeChangeToStorage<T>(
  store: DocumentStore,
  bus: NodeBus | null,
  documentId: string,
  change: (doc: Y.Doc) => T,
  onSkipped: OnSkippedUpdate,
): Promise<T> {
  const doc = rebuildDocument(await store.loadDocument(documentId), onSkipped);
  try {
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const value = doc.transact(() => change(doc));
    if (updates.length > 0) {
      const update = Y.mergeUpdates(updates);
      const [seq] = await store.appendUpdates([{ documentId, updates: [update] }]);
      if (seq === null || seq === undefined) throw new DocumentDeletedError(documentId);
      bus?.publishStored(documentId, seq, update);
    }
    return value;
  } finally {
    doc.destroy();
  }
}
