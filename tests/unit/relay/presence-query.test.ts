import * as encoding from 'lib0/encoding';
import { describe, expect, test } from 'vitest';
import { PRESENCE_QUERY_INTERVAL_MS } from '../../../sync-server/relay/connection.ts';
import {
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  encodeAwarenessEntries,
} from '../../../sync-server/relay/protocol.ts';
import { AWARENESS_INTERVAL_MS } from '../../../sync-server/relay/room-presence.ts';
import { MemoryDocumentStore } from '../../../sync-server/storage/memory-store.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { recordingSocket } from './support/recording-socket.ts';
import { testRelay } from './support/test-relay.ts';
import { until } from './support/until.ts';

const EDITOR = { workspaceId: 'w', role: 'editor' } as const;
const QUERY = new Uint8Array([MESSAGE_QUERY_AWARENESS]);

function presenceFrame(clientId: number, name: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(
    encoder,
    encodeAwarenessEntries([{ clientId, clock: 1, state: { name } }]),
  );
  return encoding.toUint8Array(encoder);
}

const presenceFrames = (frames: readonly Uint8Array[]) =>
  frames.filter((frame) => frame[0] === MESSAGE_AWARENESS).length;

describe('presence on request', () => {
  test("R31: a socket asking for everyone's presence again and again is answered once a second", async () => {
    const clock = new ManualClock();
    const relay = testRelay(new MemoryDocumentStore(), clock);
    const publisher = relay.connect('d', recordingSocket().raw, EDITOR);
    const asker = recordingSocket();
    const askerSocket = relay.connect('d', asker.raw, EDITOR);
    await until('the greeting', () => asker.frames.length > 0);
    publisher.onMessage(presenceFrame(5, 'Ana'));
    clock.advance(AWARENESS_INTERVAL_MS);
    await until('Ana’s presence', () => presenceFrames(asker.frames) === 1);

    for (let i = 0; i < 100; i++) askerSocket.onMessage(QUERY);
    await relay.readState('d');
    expect(presenceFrames(asker.frames)).toBe(2);

    clock.advance(PRESENCE_QUERY_INTERVAL_MS);
    askerSocket.onMessage(QUERY);
    await relay.readState('d');
    expect(presenceFrames(asker.frames)).toBe(3);
    await relay.shutdown();
  });
});
