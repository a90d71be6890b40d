import pino from 'pino';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createRelayMetrics } from '../../../sync-server/observability/metrics.ts';
import { Connection, type RelaySocket } from '../../../sync-server/relay/connection.ts';
import {
  decodeClientFrame,
  encodeAwarenessEntries,
  type AwarenessEntry,
} from '../../../sync-server/relay/protocol.ts';
import {
  AWARENESS_INTERVAL_MS,
  RENEWAL_INTERVAL_MS,
  RoomPresence,
} from '../../../sync-server/relay/room-presence.ts';
import { ManualClock } from '../../support/manual-clock.ts';

/** A socket that keeps the awareness entries of every frame the room sends it. */
function recordingConnection(clock: ManualClock): {
  connection: Connection;
  received: AwarenessEntry[][];
} {
  const received: AwarenessEntry[][] = [];
  const socket: RelaySocket = {
    send: (frame) => {
      const decoded = decodeClientFrame(frame);
      if (decoded.ok && decoded.message.type === 'awareness')
        received.push([...decoded.message.entries]);
    },
    close: () => {},
    pause: () => {},
    resume: () => {},
    isOpen: true,
  };
  return {
    connection: new Connection(socket, { workspaceId: 'w', role: 'editor' }, () => {}, clock),
    received,
  };
}

function room(clock: ManualClock) {
  const sender = recordingConnection(clock);
  const reader = recordingConnection(clock);
  const presence = new RoomPresence(
    new Y.Doc(),
    new Set([sender.connection, reader.connection]),
    'doc',
    pino({ level: 'silent' }),
    createRelayMetrics(),
    null,
    clock,
  );
  const publish = (clientId: number, clock: number, state: unknown): void => {
    const entries = [{ clientId, clock, state }];
    presence.apply(sender.connection, encodeAwarenessEntries(entries), entries);
  };
  return { presence, publish, reader: reader.received };
}

describe('presence renewals', () => {
  test('R29: a state sent again unchanged waits up to RENEWAL_INTERVAL_MS, and several go out as one frame', () => {
    const clock = new ManualClock();
    const { presence, publish, reader } = room(clock);
    publish(1, 1, { name: 'Ana' });
    publish(2, 1, { name: 'Ben' });
    clock.advance(AWARENESS_INTERVAL_MS);
    expect(reader).toEqual([
      [expect.objectContaining({ clientId: 1 }), expect.objectContaining({ clientId: 2 })],
    ]);

    publish(1, 2, { name: 'Ana' });
    clock.advance(RENEWAL_INTERVAL_MS / 2);
    publish(2, 2, { name: 'Ben' });
    expect(reader).toHaveLength(1);
    clock.advance(RENEWAL_INTERVAL_MS / 2 - 1);
    expect(reader).toHaveLength(1);
    clock.advance(1);
    expect(reader).toHaveLength(2);
    expect(reader[1]!.map(({ clientId, clock }) => [clientId, clock])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    presence.destroy();
  });

  test('R11/R29: a real change goes out within AWARENESS_INTERVAL_MS and takes the waiting renewals with it', () => {
    const clock = new ManualClock();
    const { presence, publish, reader } = room(clock);
    publish(1, 1, { name: 'Ana' });
    publish(2, 1, { name: 'Ben' });
    clock.advance(AWARENESS_INTERVAL_MS);
    publish(1, 2, { name: 'Ana' });
    clock.advance(100);
    publish(2, 2, { name: 'Ben', caret: 4 });
    clock.advance(AWARENESS_INTERVAL_MS);
    expect(reader).toHaveLength(2);
    expect(reader[1]!.map(({ clientId, clock }) => [clientId, clock])).toEqual([
      [2, 2],
      [1, 2],
    ]);
    expect(clock.pendingTimers).toBe(0);
    presence.destroy();
  });
});
