import * as decoding from 'lib0/decoding';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { STORED_NOTICE_MAX_WAIT_MS } from '../../../sync-server/relay/connection.ts';
import { encodeSyncUpdate } from '../../../sync-server/relay/protocol.ts';
import type { DocumentAppend } from '../../../sync-server/storage/document-store.ts';
import { MemoryDocumentStore } from '../../../sync-server/storage/memory-store.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { until } from './support/until.ts';
import { recordingSocket } from './support/recording-socket.ts';
import { testRelay } from './support/test-relay.ts';

/** A memory store whose appends can be held back, to catch the relay between applying and storing. */
class GatedStore extends MemoryDocumentStore {
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  /** True once an append has come in while held. */
  reached = false;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = null;
  }

  override async appendUpdates(appends: readonly DocumentAppend[]): Promise<(number | null)[]> {
    if (this.gate !== null) {
      this.reached = true;
      await this.gate;
    }
    return super.appendUpdates(appends);
  }
}

/** The state vectors of the sync step 1 frames among `frames`, as client id → clock maps. */
function storedNotices(frames: readonly Uint8Array[]): Map<number, number>[] {
  const notices: Map<number, number>[] = [];
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 0) continue;
    notices.push(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
  }
  return notices;
}

describe('stored notices', () => {
  test('R6: a notice falling due while a round is being stored waits for it, then holds what it stored', async () => {
    const store = new GatedStore();
    const clock = new ManualClock();
    const relay = testRelay(store, clock);
    const { raw, frames } = recordingSocket();
    const writer = relay.connect('d', raw, { workspaceId: 'w', role: 'editor' });
    await until('the greeting', () => storedNotices(frames).length === 1);

    const client = new Y.Doc();
    const keystrokes: Uint8Array[] = [];
    client.on('update', (update: Uint8Array) => keystrokes.push(update));
    client.getText('notes').insert(0, 'a');
    writer.onMessage(encodeSyncUpdate(keystrokes[0]!));
    await relay.readState('d'); // stored; the writer's notice is now due once the writer pauses

    store.hold();
    client.getText('notes').insert(1, 'b');
    writer.onMessage(encodeSyncUpdate(keystrokes[1]!));
    await until('the round to apply "b" and wait for its append', () => store.reached);
    clock.advance(STORED_NOTICE_MAX_WAIT_MS);
    expect(storedNotices(frames)).toHaveLength(1); // only the greeting: "b" is not stored yet

    store.release();
    await until('the notice', () => storedNotices(frames).length === 2);
    expect(storedNotices(frames)[1]!.get(client.clientID)).toBe(2);
    await relay.shutdown();
  });
});
