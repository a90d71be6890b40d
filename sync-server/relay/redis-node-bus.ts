import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.ts';
import { ROLES, type Role } from '../storage/document-store.ts';
import type { DocumentListener, NodeBus, StoredElsewhere } from './node-bus.ts';

/**
 * Updates larger than this go by reference: the notice carries the sequence number only and the
 * nodes read the update from storage, so a pasted chapter does not cross Redis once per node.
 */
export const MAX_INLINE_UPDATE_BYTES = 64 * 1024;
const DOCUMENT_CHANNEL = 'pathways:doc:';
const REVOCATION_CHANNEL = 'pathways:revoked';

/** A document channel's messages: a commit, a presence update, or a presence query. */
type WireMessage =
  | {
      readonly node: string;
      readonly seq: number;
      /** base64, or absent when the update goes by reference. */ readonly update?: string;
    }
  | { readonly node: string; readonly presence: string }
  | { readonly node: string; readonly presenceQuery: true };

const toBase64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/**
 * The node bus on Redis pub/sub: one connection publishes, one subscribes (a subscribed Redis
 * connection can do nothing else). Redis keeps nothing: a restart loses only notices, which the
 * rooms make up for from storage when the bus reconnects.
 */
export class RedisNodeBus implements NodeBus {
  readonly nodeId = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly documentHandlers = new Map<string, Set<DocumentListener>>();
  private readonly revocationHandlers: ((workspaceId: string, role: Role) => void)[] = [];
  private readonly accountRevocationHandlers: ((workspaceId: string, accountId: string) => void)[] =
    [];
  private readonly deletionHandlers: ((documentId: string) => void)[] = [];
  private readonly reconnectHandlers: (() => void)[] = [];
  private connectedOnce = false;
  private closing: Promise<void> | null = null;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    // Publishing while Redis is away fails at once rather than queueing without bound; what it
    // would have said is read from storage after the reconnect.
    this.publisher = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      lazyConnect: false,
      retryStrategy: () => 200,
    });
    // Subscriptions wait for Redis instead, and ioredis subscribes again after every reconnect.
    this.subscriber = new Redis(url, {
      maxRetriesPerRequest: null,
      autoResubscribe: true,
      retryStrategy: () => 200,
    });
    for (const connection of [this.publisher, this.subscriber])
      connection.on('error', (error: Error) =>
        this.logger.debug({ error: error.message }, 'Redis connection error'),
      );
    this.subscriber.on('ready', () => {
      if (this.connectedOnce) {
        this.logger.info('Redis is back; rooms catch up from storage');
        for (const handler of this.reconnectHandlers) handler();
      }
      this.connectedOnce = true;
    });
    this.subscriber.on('messageBuffer', (channelBuffer: Buffer, message: Buffer) =>
      this.onMessage(channelBuffer.toString(), message),
    );
    void this.subscriber.subscribe(REVOCATION_CHANNEL).catch(() => {});
  }

  publishStored(documentId: string, seq: number, update: Uint8Array): void {
    const notice: WireMessage = {
      node: this.nodeId,
      seq,
      ...(update.byteLength <= MAX_INLINE_UPDATE_BYTES && { update: toBase64(update) }),
    };
    this.publish(DOCUMENT_CHANNEL + documentId, JSON.stringify(notice));
  }

  publishPresence(documentId: string, update: Uint8Array): void {
    const message: WireMessage = { node: this.nodeId, presence: toBase64(update) };
    this.publish(DOCUMENT_CHANNEL + documentId, JSON.stringify(message));
  }

  queryPresence(documentId: string): void {
    const message: WireMessage = { node: this.nodeId, presenceQuery: true };
    this.publish(DOCUMENT_CHANNEL + documentId, JSON.stringify(message));
  }

  async subscribe(documentId: string, onStored: DocumentListener): Promise<() => void> {
    const channel = DOCUMENT_CHANNEL + documentId;
    let handlers = this.documentHandlers.get(channel);
    const first = handlers === undefined;
    if (handlers === undefined) this.documentHandlers.set(channel, (handlers = new Set()));
    handlers.add(onStored);
    if (first) {
      const subscribed = this.subscriber
        .subscribe(channel)
        .catch((error: unknown) =>
          this.logger.warn({ error }, 'could not subscribe to a document on Redis'),
        );
      // While Redis is away the subscription waits in ioredis's queue; the room does not.
      if (this.subscriber.status === 'ready') await subscribed;
    }
    return () => {
      handlers.delete(onStored);
      if (handlers.size > 0 || this.documentHandlers.get(channel) !== handlers) return;
      this.documentHandlers.delete(channel);
      void this.subscriber.unsubscribe(channel).catch(() => {});
    };
  }

  publishRevocation(workspaceId: string, role: Role): void {
    this.publish(REVOCATION_CHANNEL, JSON.stringify({ node: this.nodeId, workspaceId, role }));
  }

  onRevocation(handler: (workspaceId: string, role: Role) => void): void {
    this.revocationHandlers.push(handler);
  }

  publishAccountRevocation(workspaceId: string, accountId: string): void {
    this.publish(REVOCATION_CHANNEL, JSON.stringify({ node: this.nodeId, workspaceId, accountId }));
  }

  onAccountRevocation(handler: (workspaceId: string, accountId: string) => void): void {
    this.accountRevocationHandlers.push(handler);
  }

  publishDocumentDeletion(documentId: string): void {
    this.publish(
      REVOCATION_CHANNEL,
      JSON.stringify({ node: this.nodeId, deletedDocumentId: documentId }),
    );
  }

  onDocumentDeletion(handler: (documentId: string) => void): void {
    this.deletionHandlers.push(handler);
  }

  onReconnect(handler: () => void): void {
    this.reconnectHandlers.push(handler);
  }

  close(): Promise<void> {
    return (this.closing ??= (async () => {
      this.publisher.disconnect();
      this.subscriber.disconnect();
    })());
  }

  private publish(channel: string, message: string): void {
    this.publisher
      .publish(channel, message)
      .catch((error: unknown) =>
        this.logger.debug(
          { error: error instanceof Error ? error.message : String(error) },
          'could not publish to Redis',
        ),
      );
  }

  /** Anything from Redis is checked like socket input: a bad message is logged and dropped. */
  private onMessage(channel: string, message: Buffer): void {
    try {
      const parsed: unknown = JSON.parse(message.toString());
      if (typeof parsed !== 'object' || parsed === null) return;
      const fields = parsed as Record<string, unknown>;
      if (fields.node === this.nodeId) return;
      if (channel === REVOCATION_CHANNEL) {
        const { workspaceId, role, accountId, deletedDocumentId } = fields;
        if (typeof deletedDocumentId === 'string') {
          for (const handler of this.deletionHandlers) handler(deletedDocumentId);
          return;
        }
        if (typeof workspaceId === 'string' && typeof accountId === 'string') {
          for (const handler of this.accountRevocationHandlers) handler(workspaceId, accountId);
          return;
        }
        if (typeof workspaceId !== 'string' || !ROLES.includes(role as Role)) return;
        for (const handler of this.revocationHandlers) handler(workspaceId, role as Role);
        return;
      }
      const listeners = this.documentHandlers.get(channel);
      const { node, seq, update, presence, presenceQuery } = fields;
      if (listeners === undefined || typeof node !== 'string') return;
      if (typeof presence === 'string') {
        const bytes = new Uint8Array(Buffer.from(presence, 'base64'));
        for (const listener of listeners) listener.onPresence(bytes);
      } else if (presenceQuery === true) {
        for (const listener of listeners) listener.onPresenceQuery();
      } else if (
        Number.isSafeInteger(seq) &&
        (update === undefined || typeof update === 'string')
      ) {
        const notice: StoredElsewhere = {
          node,
          seq: seq as number,
          update: typeof update === 'string' ? new Uint8Array(Buffer.from(update, 'base64')) : null,
        };
        for (const listener of listeners) listener.onStored(notice);
      }
    } catch (error) {
      this.logger.warn({ channel, error }, 'dropped a malformed message from Redis');
    }
  }
}
