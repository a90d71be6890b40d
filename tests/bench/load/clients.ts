import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** How a load generator reaches one server: which stock client, and where. */
export interface Target {
  readonly protocol: 'y-websocket' | 'hocuspocus';
  /** ws:// base URL; y-websocket appends `/<room>`, Hocuspocus sends the name in-band. */
  readonly url: string;
}

/** One document on the server: its name (ours: the document id) and, for ours, the editor token. */
export interface RoomRef {
  readonly name: string;
  readonly token?: string;
}

/**
 * The shared text every benchmark client types into. This is a relay benchmark: the servers
 * never read it, and the same root-level Y.Text works on every server compared.
 */
export const BENCH_TEXT = 'bench';

export interface BenchClient {
  readonly doc: Y.Doc;
  readonly text: Y.Text;
  /** Resolves when the provider first reports synced. */
  readonly synced: Promise<void>;
  /** Connections that closed after the first sync and before destroy(): dropped clients. */
  readonly drops: () => number;
  destroy(): void;
}

export function connectClient(target: Target, room: RoomRef, doc = new Y.Doc()): BenchClient {
  return target.protocol === 'hocuspocus'
    ? connectHocuspocus(target, room, doc)
    : connectYWebsocket(target, room, doc);
}

function connectYWebsocket(target: Target, room: RoomRef, doc: Y.Doc): BenchClient {
  const provider = new WebsocketProvider(target.url, room.name, doc, {
    ...(room.token !== undefined && { params: { token: room.token } }),
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  let synced = false;
  let destroyed = false;
  let drops = 0;
  provider.on('connection-close', () => {
    if (synced && !destroyed) drops++;
  });
  return {
    doc,
    text: doc.getText(BENCH_TEXT),
    synced: new Promise<void>((resolve) => {
      const onSync = (isSynced: boolean): void => {
        if (!isSynced) return;
        synced = true;
        provider.off('sync', onSync);
        resolve();
      };
      provider.on('sync', onSync);
    }),
    drops: () => drops,
    destroy: () => {
      destroyed = true;
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * `ws` emits 'error' when a socket still connecting is closed, which the Hocuspocus provider's
 * destroy does to a client that has not connected yet (an overloaded run); with no listener that
 * ends the generator process and the server's three loads with it.
 */
class ListenedWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

function connectHocuspocus(target: Target, room: RoomRef, doc: Y.Doc): BenchClient {
  let synced = false;
  let destroyed = false;
  let drops = 0;
  let resolveSynced: () => void = () => {};
  const syncedPromise = new Promise<void>((resolve) => (resolveSynced = resolve));
  // WebSocketPolyfill belongs to the socket's configuration; the provider passes its whole
  // configuration on when it creates its own socket from `url` (Node 20 has no global WebSocket).
  const provider = new HocuspocusProvider({
    url: target.url,
    name: room.name,
    document: doc,
    WebSocketPolyfill: ListenedWebSocket,
    onSynced: ({ state }: { state: boolean }) => {
      if (!state || synced) return;
      synced = true;
      resolveSynced();
    },
    onDisconnect: () => {
      if (synced && !destroyed) drops++;
    },
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  return {
    doc,
    text: doc.getText(BENCH_TEXT),
    synced: syncedPromise,
    drops: () => drops,
    destroy: () => {
      destroyed = true;
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Resolves when `check` holds, checked after every change to `doc`; rejects after `timeoutMs`. */
export function whenDoc(
  doc: Y.Doc,
  what: string,
  check: () => boolean,
  timeoutMs: number,
): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onUpdate = (): void => {
      if (!check()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      doc.off('update', onUpdate);
    };
    doc.on('update', onUpdate);
  });
}

/** `promise`, or a rejection naming `what` after `timeoutMs`. */
export function withTimeout<T>(promise: Promise<T>, what: string, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
          timeoutMs,
        )),
    ),
  ]).finally(() => clearTimeout(timer));
}
