import type { Logger } from '../observability/logger.ts';
import type { RelayMetrics } from '../observability/metrics.ts';
import { CLOSE } from './close-codes.ts';
import type { Connection } from './connection.ts';
import type { EditingSession } from './editing-sessions.ts';
import { decodeClientFrame, isEmptyUpdate } from './protocol.ts';
import type { Room } from './room.ts';

/** What the socket adapter calls as things happen on one socket. */
export interface SocketHandlers {
  onMessage(frame: Uint8Array): void;
  onClose(): void;
}

/** Handlers for a socket that may not join (shutdown, lost storage, a deleted document). */
export const IGNORED_SOCKET: SocketHandlers = { onMessage: () => {}, onClose: () => {} };

interface JoinedSocket {
  readonly documentId: string;
  readonly connection: Connection;
  readonly room: Room;
  /** The writer's editing session, counted for the audit log; null for a viewer. */
  readonly session: EditingSession | null;
  readonly logger: Logger;
  readonly metrics: RelayMetrics;
  /** Called once, when the socket has closed and left its room. */
  readonly onClosed: () => void;
}

/**
 * Each frame of a socket that joined its room: paced, decoded, checked, then handed to the
 * room. A frame it may not send closes that socket with a named code, never the room.
 */
export function joinedSocketHandlers(socket: JoinedSocket): SocketHandlers {
  const { documentId, connection, room, session, logger, metrics } = socket;
  const { role } = connection.access;
  let closed = false;
  return {
    onMessage: (frame) => {
      if (closed || connection.closedByServer) return;
      // Called from the socket's event handler: an exception here would reach the event loop
      // and stop the process, every room with it. It closes this socket only.
      try {
        connection.charge(frame.byteLength);
        const decoded = decodeClientFrame(frame);
        if (!decoded.ok) {
          const presence = decoded.failure === 'presence';
          const reason = presence ? CLOSE.presenceRefused : CLOSE.malformedFrame;
          metrics.rejectedFrames.inc({ reason: presence ? 'presence' : 'malformed' });
          logger.warn(
            { documentId, role, error: decoded.error, bytes: frame.byteLength },
            'closed a socket that sent a frame it may not',
          );
          connection.close(reason.code, reason.reason);
          return;
        }
        const { message } = decoded;
        if (session !== null && message.type === 'update' && !isEmptyUpdate(message.update))
          session.changes++;
        room.receive(connection, message);
      } catch (error) {
        logger.error({ documentId, role, error }, 'failed to handle a frame; closed its socket');
        connection.close(CLOSE.internalError.code, CLOSE.internalError.reason);
      }
    },
    onClose: () => {
      if (closed) return;
      closed = true;
      metrics.sockets.dec();
      connection.close(CLOSE.goingAway.code, CLOSE.goingAway.reason);
      room.leave(connection);
      socket.onClosed();
    },
  };
}
