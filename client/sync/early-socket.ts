/**
 * The relay socket of a document page, opened by the entry module before React and the editor's
 * code have loaded, and adopted by the page's y-websocket provider once they have. Connecting,
 * the server's checks and the whole document's first transfer then happen while the page is
 * still evaluating its code, instead of after it.
 *
 * Nothing is lost in between: every event the socket gets before the provider adopts it is kept
 * and handed to the provider, in order, as if it had just happened.
 */
import { SocketStandIn } from './socket-stand-in.ts';

/**
 * y-protocols sync step 1 with an empty state vector ([message sync, step 1, length 1, no
 * clients]): "send me the whole document". The relay answers with sync step 2 at once. Sent as
 * soon as the socket opens, before Yjs is even loaded; a unit test checks the bytes against
 * y-protocols'.
 */
export const EMPTY_SYNC_STEP_1 = new Uint8Array([0, 0, 1, 0]);

/** A socket nobody adopts by then (the page failed to load, or the person left) is closed. */
const UNCLAIMED_MS = 30_000;

type SocketEvent = { readonly type: 'open' | 'message' | 'close' | 'error'; readonly event: Event };

interface EarlySocket {
  readonly socket: WebSocket;
  readonly backlog: SocketEvent[];
  /** The early sync step 1 went out: the provider's own would only fetch the document again. */
  askedForDocument: boolean;
  readonly expiry: ReturnType<typeof setTimeout>;
}

const early = new Map<string, EarlySocket>();

/** Where the relay's sync endpoint is, seen from this page. */
export function relayServerUrl(): string {
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/sync`;
}

/** The URL y-websocket's provider connects to for a document, built the way it builds it. */
export function relaySocketUrl(serverUrl: string, documentId: string, token: string): string {
  return `${serverUrl}/${documentId}?token=${encodeURIComponent(token)}`;
}

/** Opens the socket a provider will later ask for with the same URL. */
export function openEarlySocket(
  url: string,
  WebSocketImpl: typeof WebSocket = WebSocket,
  unclaimedMs = UNCLAIMED_MS,
): void {
  if (early.has(url)) return;
  const socket = new WebSocketImpl(url);
  socket.binaryType = 'arraybuffer';
  const entry: EarlySocket = {
    socket,
    backlog: [],
    askedForDocument: false,
    expiry: setTimeout(() => {
      if (early.get(url) !== entry) return;
      early.delete(url);
      socket.close();
    }, unclaimedMs),
  };
  socket.onopen = (event) => {
    socket.send(EMPTY_SYNC_STEP_1);
    entry.askedForDocument = true;
    entry.backlog.push({ type: 'open', event });
  };
  socket.onmessage = (event) => entry.backlog.push({ type: 'message', event });
  socket.onerror = (event) => entry.backlog.push({ type: 'error', event });
  socket.onclose = (event) => {
    entry.backlog.push({ type: 'close', event });
    // A closed socket is of no use to a provider, which would only see it close: let it connect anew.
    if (early.get(url) === entry) early.delete(url);
    clearTimeout(entry.expiry);
  };
  early.set(url, entry);
}

const isSyncStep1 = (data: unknown): boolean =>
  data instanceof Uint8Array && data[0] === 0 && data[1] === 0;

/**
 * What the provider holds instead of a WebSocket: the early socket, with the events it already
 * got replayed to the provider's handlers right after the provider has set them (y-websocket
 * sets them synchronously after construction).
 */
class AdoptedSocket extends SocketStandIn {
  private skipSyncStep1: boolean;

  constructor(socket: WebSocket, backlog: readonly SocketEvent[], askedForDocument: boolean) {
    super(socket);
    this.skipSyncStep1 = askedForDocument;
    socket.onopen = (event) => this.onopen?.(event);
    socket.onmessage = (event) => this.onmessage?.(event);
    socket.onerror = (event) => this.onerror?.(event);
    socket.onclose = (event) => this.onclose?.(event);
    // Events are tasks, so none can arrive before this microtask has replayed the backlog.
    queueMicrotask(() => {
      for (const { type, event } of backlog) this.dispatch(type, event);
    });
  }

  private dispatch(type: SocketEvent['type'], event: Event): void {
    if (type === 'open') this.onopen?.(event);
    else if (type === 'message') this.onmessage?.(event as MessageEvent);
    else if (type === 'error') this.onerror?.(event);
    else this.onclose?.(event as CloseEvent);
  }

  override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    // The relay already answered the early request for the whole document; the provider's own
    // request (sent on open, with whatever it had then) would only bring it a second time.
    if (this.skipSyncStep1 && isSyncStep1(data)) {
      this.skipSyncStep1 = false;
      return;
    }
    super.send(data);
  }
}

/**
 * A WebSocket constructor for y-websocket's `WebSocketPolyfill` option: the early socket for this
 * URL the first time, if one is open or opening, and a new socket otherwise (every reconnect).
 */
export function webSocketAdoptingEarly(
  WebSocketImpl: typeof WebSocket = WebSocket,
): typeof WebSocket {
  function AdoptingWebSocket(url: string | URL, protocols?: string | string[]): WebSocket {
    const key = String(url);
    const entry = early.get(key);
    if (entry === undefined) return new WebSocketImpl(url, protocols);
    early.delete(key);
    clearTimeout(entry.expiry);
    return new AdoptedSocket(
      entry.socket,
      entry.backlog,
      entry.askedForDocument,
    ) as unknown as WebSocket;
  }
  return AdoptingWebSocket as unknown as typeof WebSocket;
}
