import type { Role } from '../storage/document-store.ts';

/** Another node committed updates to a document, up to `seq`. */
export interface StoredElsewhere {
  readonly node: string;
  readonly seq: number;
  /** The update stored at `seq`, or null when it was too large to carry (read it from storage). */
  readonly update: Uint8Array | null;
}

/** What a room hears from the other nodes about its document. */
export interface DocumentListener {
  onStored(notice: StoredElsewhere): void;
  onPresence(update: Uint8Array): void;
  onPresenceQuery(): void;
}

/**
 * What one relay node tells the others, and hears from them, when several serve the same
 * documents (`REDIS_URL`). Nothing here is durable and nothing depends on it for correctness:
 * a notice that never arrives is made up for from storage (`readUpdatesAfter`) at the next
 * notice, write or reconnect. One relay process alone runs without a bus.
 */
export interface NodeBus {
  /** This node's id, unique per process; its own notices come back to it and are dropped. */
  readonly nodeId: string;
  /** After a commit: what was stored for the document, and its sequence number. */
  publishStored(documentId: string, seq: number, update: Uint8Array): void;
  /** Presence that changed at this node's sockets (an awareness update), for the other nodes' clients. */
  publishPresence(documentId: string, update: Uint8Array): void;
  /** A room just opened here: the other nodes send everyone they know of (`onPresenceQuery`). */
  queryPresence(documentId: string): void;
  /**
   * Hears other nodes' commits and presence for the document from now on. Resolves once
   * subscribed, or at once while the bus is disconnected (the reconnect then tells every room to
   * catch up).
   */
  subscribe(documentId: string, listener: DocumentListener): Promise<() => void>;
  /** A role's link was replaced: every node closes the sockets that used it. */
  publishRevocation(workspaceId: string, role: Role): void;
  onRevocation(handler: (workspaceId: string, role: Role) => void): void;
  /** A signed-in member was removed from a workspace (or their role changed): every node closes their sockets there. */
  publishAccountRevocation(workspaceId: string, accountId: string): void;
  onAccountRevocation(handler: (workspaceId: string, accountId: string) => void): void;
  /** A document was deleted: every node drops its room and closes its sockets (4404). */
  publishDocumentDeletion(documentId: string): void;
  onDocumentDeletion(handler: (documentId: string) => void): void;
  /** The bus was disconnected and is back: notices may have been missed meanwhile. */
  onReconnect(handler: () => void): void;
  close(): Promise<void>;
}
