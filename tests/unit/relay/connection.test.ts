import { describe, expect, test } from 'vitest';
import {
  Connection,
  QUEUE_HIGH_WATER,
  QUEUE_LOW_WATER,
  RATE_LIMIT,
  type RelaySocket,
} from '../../../sync-server/relay/connection.ts';

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
  test('R14: a burst beyond the budget pauses the socket, and it resumes once the budget refills; it is never closed', async () => {
    const { socket, events } = fakeSocket();
    const connection = new Connection(socket, { workspaceId: 'w', role: 'editor' });
    let charged = 0;
    while (!connection.isPaused && charged < RATE_LIMIT.messageBurst * 2) {
      connection.charge(10);
      charged++;
    }
    expect(connection.isPaused).toBe(true);
    expect(charged).toBeGreaterThan(RATE_LIMIT.messageBurst);
    await new Promise((resolve) => setTimeout(resolve, 20));
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
