import * as decoding from 'lib0/decoding';
import pino from 'pino';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createRelayMetrics } from '../../../sync-server/observability/metrics.ts';
import { encodeSyncUpdate } from '../../../sync-server/relay/protocol.ts';
import { rebuildDocument } from '../../../sync-server/relay/rebuild-document.ts';
import { Relay } from '../../../sync-server/relay/relay.ts';
import { MemoryDocumentStore } from '../../../sync-server/storage/memory-store.ts';
import { until } from './support/until.ts';
import { recordingSocket } from './support/recording-socket.ts';

/**
 * Two relays on one store and no bus between them: what a room does when its own append shows
 * that another process wrote to the document in between (R17, R21). With a bus the notice says
 * so sooner; without one the sequence numbers alone must keep every room whole.
 */

function keystroke(text: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getText('notes').insert(0, text);
  doc.destroy();
  return encodeSyncUpdate(update!);
}

/** The text a client would have after applying every update frame it received. */
function textFrom(frames: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 2) continue;
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
  return doc.getText('notes').toString();
}

describe('two relays on one store', () => {
  test('R17/R21: a room whose append shows another node wrote in between reads what it lacked, delivers it, and every compaction keeps everything', async () => {
    const store = new MemoryDocumentStore();
    const options = {
      store,
      logger: pino({ level: 'silent' }),
      maxMessageBytes: 1 << 20,
      commitIntervalMs: 0,
    };
    const [nodeA, nodeB] = [
      new Relay({ ...options, metrics: createRelayMetrics() }),
      new Relay({ ...options, metrics: createRelayMetrics() }),
    ];
    const access = { workspaceId: 'w', role: 'editor' } as const;
    const [alice, bob] = [recordingSocket(), recordingSocket()];
    const atA = nodeA.connect('d', alice.raw, access);
    const atB = nodeB.connect('d', bob.raw, access);
    await until('both rooms to greet', () => alice.frames.length > 0 && bob.frames.length > 0);

    atA.onMessage(keystroke('alice '));
    await nodeA.readState('d'); // resolves once node A's room has stored what it received
    expect((await store.loadDocument('d')).lastSeq).toBe(1);
    // Bob's append gets 2, not 1: node B learns it lacks 1, reads it, and sends it to Bob.
    atB.onMessage(keystroke('bob '));
    await until('Bob to receive Alice’s keystroke', () => textFrom(bob.frames).includes('alice'));

    // Node B closes first (it holds everything through 2 and compacts); node A then compacts
    // through 1 only, which must not replace B's newer snapshot.
    await nodeB.shutdown();
    await nodeA.shutdown();
    const stored = await store.loadDocument('d');
    const text = rebuildDocument(stored, () => {})
      .getText('notes')
      .toString();
    expect(text).toContain('alice');
    expect(text).toContain('bob');
  });
});
