import { describe, expect, test } from 'vitest';
import {
  Connection,
  QUEUE_HIGH_WATER,
  QUEUE_LOW_WATER,
  RATE_LIMIT,
  STORED_NOTICE_MAX_WAIT_MS,
  STORED_NOTICE_QUIET_MS,
  type RelaySocket,
} from '../../../sync-server/relay/connection.ts';
import { recordingSocket } from './support/recording-socket.ts';
import { ManualClock } from '../../support/manual-clock.ts';

function fakeSocket() {
  const events: string[] = [];
  const socket: RelaySocket = {
    send: () => events.push('send'),
    close: (code) => events.push(`close ${code}`),
    pause: () => events.push('pause'),
    resume: () => events.push('resume'),
    isOpen: true,
  };
  return { socket, events };
}

describe('pacing a socket', () => {
  test('R14: a burst beyond the budget pauses the socket, and it resumes once the budget refills; it is never closed', () => {
    const { socket, events } = fakeSocket();
    const clock = new ManualClock();
    const connection = new Connection(
      socket,
      { workspaceId: 'w', role: 'editor' },
      () => {},
      clock,
    );
    let charged = 0;
    while (!connection.isPaused && charged < RATE_LIMIT.messageBurst * 2) {
      connection.charge(10);
      charged++;
    }
    expect(connection.isPaused).toBe(true);
    // A burst with no time passing: exactly the burst fits, and the next message is over.
    expect(charged).toBe(RATE_LIMIT.messageBurst + 1);
    // One message over refills in 1000 / messagesPerSecond ms, rounded up to a whole millisecond.
    const refillMs = Math.ceil(1000 / RATE_LIMIT.messagesPerSecond);
    clock.advance(refillMs - 0.01);
    expect(connection.isPaused).toBe(true);
    clock.advance(0.01);
    expect(connection.isPaused).toBe(false);
    expect(events).toEqual(['pause', 'resume']);
  });

  test('R14: a large frame spends the byte budget the same way', () => {
    const { socket } = fakeSocket();
    const connection = new Connection(socket, { workspaceId: 'w', role: 'editor' });
    connection.charge(RATE_LIMIT.byteBurst + 1);
    expect(connection.isPaused).toBe(true);
    connection.close(1000, 'done');
  });

  test('R14: a socket with too many unprocessed messages pauses until its room catches up', () => {
    const { socket, events } = fakeSocket();
    const connection = new Connection(socket, { workspaceId: 'w', role: 'editor' });
    for (let i = 0; i < QUEUE_HIGH_WATER; i++) connection.enqueued();
    expect(events).toEqual(['pause']);
    for (let i = QUEUE_HIGH_WATER; i > QUEUE_LOW_WATER + 1; i--) connection.dequeued();
    expect(connection.isPaused).toBe(true);
    connection.dequeued();
    expect(events).toEqual(['pause', 'resume']);
  });

  test('R8: only editors and owners may write', () => {
    const { socket } = fakeSocket();
    expect(new Connection(socket, { workspaceId: 'w', role: 'viewer' }).canWrite).toBe(false);
    expect(new Connection(socket, { workspaceId: 'w', role: 'editor' }).canWrite).toBe(true);
    expect(new Connection(socket, { workspaceId: 'w', role: 'owner' }).canWrite).toBe(true);
  });
});

describe('stored notices', () => {
  const noticeSetup = () => {
    const { raw, frames: sent } = recordingSocket();
    const clock = new ManualClock();
    const connection = new Connection(raw, { workspaceId: 'w', role: 'editor' }, () => {}, clock);
    const notice = (frame: number) => (to: Connection) => to.send(Uint8Array.of(frame));
    return { sent, clock, connection, notice };
  };

  test('R6: a writer hears what is stored once its stores pause, and the latest state then', () => {
    const { sent, clock, connection, notice } = noticeSetup();
    connection.noticeStored(notice(1));
    clock.advance(STORED_NOTICE_QUIET_MS - 100);
    connection.noticeStored(notice(2)); // the pause starts again
    clock.advance(STORED_NOTICE_QUIET_MS - 1);
    expect(sent).toEqual([]);
    clock.advance(1);
    expect(sent).toEqual([Uint8Array.of(2)]);
    clock.advance(STORED_NOTICE_MAX_WAIT_MS);
    expect(sent).toEqual([Uint8Array.of(2)]); // nothing new stored, nothing sent
    connection.noticeStored(notice(3));
    connection.close(1000, 'done');
    clock.advance(STORED_NOTICE_MAX_WAIT_MS);
    expect(sent).toEqual([Uint8Array.of(2)]);
  });

  test('R6: a writer who never pauses still hears every STORED_NOTICE_MAX_WAIT_MS', () => {
    const { sent, clock, connection, notice } = noticeSetup();
    const keyEveryMs = 200;
    let key = 0;
    for (let t = 0; t < 2 * STORED_NOTICE_MAX_WAIT_MS; t += keyEveryMs) {
      connection.noticeStored(notice(++key));
      clock.advance(keyEveryMs);
    }
    // One notice per full wait, each carrying the state of the latest store before it fell due.
    const perWait = STORED_NOTICE_MAX_WAIT_MS / keyEveryMs;
    expect(sent).toEqual([Uint8Array.of(perWait), Uint8Array.of(2 * perWait)]);
  });
});
