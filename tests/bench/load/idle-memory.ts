import { connectClient, withTimeout, type RoomRef, type Target } from './clients.ts';

/** A short session's worth of text, so each document holds something once its session ends. */
const NOTE = 'Met with the counselor; follow up on the referral next week. ';

/**
 * One short session: connect, sync, add one line, close. The line's frame leaves before the
 * close frame on the same socket, so every server handles it before it sees the close.
 */
export async function openAndClose(args: { target: Target; room: RoomRef }): Promise<void> {
  const client = connectClient(args.target, args.room);
  try {
    await withTimeout(client.synced, `${args.room.name} to sync`, 30_000);
    client.text.insert(client.text.length, NOTE);
  } finally {
    client.destroy();
  }
}
