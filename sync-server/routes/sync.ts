import { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket } from 'ws';
import { authorizeDocument, type Authorized } from '../access/authorize.ts';
import { readAccount } from '../access/middleware.ts';
import type { AccountRecord } from '../storage/identity-records.ts';
import type { RelaySocket } from '../relay/connection.ts';
import { CLOSE } from '../relay/close-codes.ts';
import type { Relay, SocketHandlers } from '../relay/relay.ts';
import type { Logger } from '../observability/logger.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import type { StorageHealthMonitor } from '../storage/health-monitor.ts';
import { FramedSender } from './framed-send.ts';

/** What the upgrade carries to the socket: the access it was granted, or that the document was deleted. */
type Admission =
  { readonly kind: 'open'; readonly authorized: Authorized } | { readonly kind: 'deleted' };
type Env = { Variables: { admission: Admission; account: AccountRecord | null } };

const EMPTY_FRAME = new Uint8Array(0);

/**
 * Wraps the `ws` socket under @hono/node-ws as the four methods the relay needs. A class, not an
 * object literal with a getter: each such literal gets a map of its own, and a room's fan-out
 * reading `isOpen` and `send` from hundreds of them went through V8's slow megamorphic lookups.
 */
class WsRelaySocket implements RelaySocket {
  private readonly sendPayload: (payload: Uint8Array) => void;

  constructor(
    private readonly raw: WebSocket,
    sender: FramedSender,
  ) {
    this.sendPayload = sender.sendTo(raw);
  }

  send(frame: Uint8Array): void {
    this.sendPayload(frame);
  }

  close(code: number, reason: string): void {
    this.raw.close(code, reason);
  }

  pause(): void {
    this.raw.pause();
  }

  resume(): void {
    this.raw.resume();
  }

  get isOpen(): boolean {
    return this.raw.readyState === this.raw.OPEN;
  }
}

/**
 * `GET /sync/:doc?token=…`: the y-websocket endpoint. The token is checked before the upgrade:
 * no token, a wrong one or another workspace's gets a plain 401 and no byte of the document.
 *
 * A signed-in member needs no token: the session cookie opens the socket. Browsers send cookies
 * on a websocket from any page and websockets have no CORS, so the cookie counts only when the
 * `Origin` header is Pathways' own (`allowedOrigin`): another site cannot open a socket as you.
 */
export function syncRoutes(
  store: DocumentStore,
  relay: Relay,
  upgradeWebSocket: UpgradeWebSocket<WebSocket, { onError: (error: unknown) => void }>,
  logger: Logger,
  storageHealth: StorageHealthMonitor,
  allowedOrigin?: string,
) {
  // One for every socket: a room sends the same frame to each of its sockets in turn.
  const sender = new FramedSender();
  return new Hono<Env>().get(
    '/sync/:doc',
    async (c, next) => {
      // Nothing a client sent could be kept: say so before the upgrade, and it retries later.
      if (!storageHealth.current.ok)
        return c.json(
          { error: 'The server cannot save anything right now; your edits stay on this device.' },
          503,
        );
      const account = readAccount(c);
      const sameOrigin =
        account !== null && allowedOrigin !== undefined && c.req.header('origin') === allowedOrigin;
      const result = await authorizeDocument(
        store,
        c.req.query('token'),
        c.req.param('doc'),
        sameOrigin ? account : null,
      );
      // A stale client of a deleted document is told so with a close code (4404), which it can
      // read, where a refused upgrade would only look like a network failure to retry.
      if (result === 'deleted') {
        c.set('admission', { kind: 'deleted' });
        return next();
      }
      if (typeof result === 'string') {
        if (account !== null && !sameOrigin)
          return c.json(
            { error: 'A signed-in socket must come from Pathways itself (Origin).' },
            403,
          );
        if (result === 'sign-in-required')
          return c.json(
            {
              error:
                'This workspace requires sign-in: sign in with your district account to open it.',
            },
            403,
          );
        return c.json(
          {
            error:
              'This link is not valid for this document. Ask the person who shared it for a new one.',
          },
          401,
        );
      }
      if (result.access.accountId !== undefined)
        void store
          .touchAccount(result.access.accountId, new Date().toISOString())
          .catch(() => undefined);
      c.set('admission', { kind: 'open', authorized: result });
      await next();
    },
    upgradeWebSocket(
      (c) => {
        const documentId = c.req.param('doc')!;
        const admission = c.get('admission');
        let handlers: SocketHandlers | null = null;
        return {
          onOpen: (_event, ws) => {
            const raw = ws.raw!;
            if (admission.kind === 'deleted') {
              raw.close(CLOSE.documentGone.code, CLOSE.documentGone.reason);
              return;
            }
            const { access } = admission.authorized;
            const connected = relay.connect(documentId, new WsRelaySocket(raw, sender), access);
            handlers = connected;
            // Frames come straight from the \`ws\` socket rather than through the adapter's onMessage,
            // which wraps each one in a MessageEvent over a copy of its bytes. Nothing is missed: the
            // adapter calls onOpen synchronously as it starts listening, so no frame comes in between.
            const receive = (data: Buffer, isBinary: boolean): void => {
              // Text frames are not part of the protocol; an empty frame fails to decode and closes the socket.
              connected.onMessage(isBinary ? data : EMPTY_FRAME);
            };
            raw.on('message', receive);
            // The adapter adds its own listener right after onOpen returns; with no onMessage to
            // call it only costs every frame a second listener. No frame is read before this runs.
            queueMicrotask(() => {
              for (const listener of raw.listeners('message'))
                if (listener !== receive) raw.off('message', listener as () => void);
            });
          },
          onClose: () => handlers?.onClose(),
          onError: (event) => {
            logger.warn({ documentId, error: (event as ErrorEvent).error }, 'socket error');
            handlers?.onClose();
          },
        };
      },
      { onError: (error) => logger.error({ error }, 'websocket handler failed') },
    ),
  );
}
