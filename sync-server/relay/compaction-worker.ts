import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { sessionVersionId } from './session-version.ts';
import type { MergeReply, PackedMergeRequest, WorkerRequest } from './compaction-messages.ts';

/**
 * The compaction worker thread (R28): merges a document's stored bytes into one snapshot, off
 * the relay's event loop. It keeps the Y.Doc it built for each document it merged last, so the
 * next compaction applies only the log rows stored since: building a large document from its
 * snapshot costs far more than applying the new rows and encoding.
 * The main thread owns every storage call; this thread only turns bytes into bytes.
 */

/** Documents kept between compactions; the least recently merged is dropped beyond this. */
const MAX_KEPT_DOCUMENTS = 8;

interface Kept {
  readonly doc: Y.Doc;
  /** The doc holds every stored update through this sequence number. */
  readonly seq: number;
}

const kept = new Map<string, Kept>();

function unpack({ packed, partLengths }: PackedMergeRequest): Uint8Array[] {
  let offset = 0;
  return partLengths.map((length) => packed.subarray(offset, (offset += length)));
}

function merge(request: PackedMergeRequest): MergeReply {
  const previous = kept.get(request.keptAs);
  kept.delete(request.keptAs);
  if (request.baseSeq !== null && previous?.seq !== request.baseSeq) {
    previous?.doc.destroy();
    return {
      id: request.id,
      ok: false,
      reason: 'missing-base',
      message: `no document held through ${request.baseSeq}`,
    };
  }
  if (request.baseSeq === null) previous?.doc.destroy();
  const doc = request.baseSeq === null ? new Y.Doc() : previous!.doc;
  const skipped: { index: number; message: string }[] = [];
  doc.transact(() => {
    for (const [index, part] of unpack(request).entries()) {
      try {
        Y.applyUpdate(doc, part);
      } catch (error) {
        // Skipped, never fatal, as when a room loads (rebuild-document.ts).
        skipped.push({ index, message: error instanceof Error ? error.message : String(error) });
      }
    }
  });
  const snapshot = Y.encodeStateAsUpdate(doc);
  const versionId = request.withVersionId ? sessionVersionId(request.documentId, doc) : null;
  kept.set(request.keptAs, { doc, seq: request.lastSeq });
  for (const [keptAs, { doc: oldest }] of kept) {
    if (kept.size <= MAX_KEPT_DOCUMENTS) break;
    kept.delete(keptAs);
    oldest.destroy();
  }
  return { id: request.id, ok: true, snapshot, versionId, skipped };
}

function handle(request: WorkerRequest): void {
  if (request.kind === 'forget') {
    kept.get(request.keptAs)?.doc.destroy();
    kept.delete(request.keptAs);
    return;
  }
  let reply: MergeReply;
  try {
    reply = merge(request);
  } catch (error) {
    kept.delete(request.keptAs);
    reply = {
      id: request.id,
      ok: false,
      reason: 'error',
      message: error instanceof Error ? error.message : String(error),
    };
  }
  // The snapshot's buffer moves to the main thread rather than being copied.
  parentPort!.postMessage(reply, reply.ok ? [reply.snapshot.buffer as ArrayBuffer] : []);
}

if (parentPort === null)
  throw new Error('compaction-worker.ts runs as a worker thread (see compaction-worker-client.ts)');
parentPort.on('message', handle);
