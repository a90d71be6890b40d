/**
 * Every reason the relay closes a socket, with its code. Codes 4000–4999 are ours (RFC 6455
 * leaves them to applications); the reasons are short because a close reason is at most 123 bytes.
 */
export const CLOSE = {
  /** The server is shutting down; clients reconnect to the next process. */
  goingAway: { code: 1001, reason: 'server shutting down' },
  /** ws closes oversized frames itself with 1009 before we see them; this entry names it. */
  tooLarge: { code: 1009, reason: 'frame larger than the server accepts' },
  /** Storage failed: the room is dropped so no client sees an update that is not stored. */
  storageFailed: { code: 1011, reason: 'could not store the document; reconnect' },
  /** Something failed in the server while handling this socket; the room and the others go on. */
  internalError: { code: 1011, reason: 'server error; reconnect' },
  malformedFrame: { code: 4400, reason: 'malformed message' },
  /** A presence state over PRESENCE_LIMITS (relay/protocol.ts), or one that could not be encoded. */
  presenceRefused: { code: 4413, reason: 'presence state too large or too deeply nested' },
  /** More presence entries than one socket may publish (MAX_PRESENCE_PER_SOCKET in relay/presence-owners.ts). */
  tooManyPresences: { code: 4429, reason: 'too many presence entries from one socket' },
  tokenRevoked: { code: 4401, reason: 'link no longer valid' },
  /** The document was deleted (DELETE /api/documents/:doc): a client stops trying and says so. */
  documentGone: { code: 4404, reason: 'document deleted' },
} as const;

export type CloseReason = (typeof CLOSE)[keyof typeof CLOSE];
