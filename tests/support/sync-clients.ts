import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A stock y-websocket client, as any other Pathways client would connect. */
export interface StockClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Resolves when the provider first reports synced. */
  readonly synced: Promise<void>;
  destroy(): void;
}

/** `token` null: no share link (a signed-in member, whose cookie `WebSocketPolyfill` sends). */
export function connectStockClient(
  serverUrl: string,
  documentId: string,
  token: string | null,
  options: { doc?: Y.Doc; connect?: boolean; WebSocketPolyfill?: typeof globalThis.WebSocket } = {},
): StockClient {
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(
    new URL('/sync', serverUrl).href.replace(/^http/, 'ws'),
    documentId,
    doc,
    {
      params: token === null ? {} : { token },
      WebSocketPolyfill:
        options.WebSocketPolyfill ?? (WebSocket as unknown as typeof globalThis.WebSocket),
      disableBc: true,
      connect: options.connect ?? true,
      maxBackoffTime: 200,
    },
  );
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
  });
  return {
    doc,
    provider,
    synced,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * The stock clients a test file connects, destroyed together when a test ends: call
 * `destroyAll()` in the file's afterEach, before its servers stop.
 */
export class StockClients {
  readonly #open: StockClient[] = [];

  connect(
    serverUrl: string,
    documentId: string,
    token: string,
    options: { doc?: Y.Doc; connect?: boolean } = {},
  ): StockClient {
    const client = connectStockClient(serverUrl, documentId, token, options);
    this.#open.push(client);
    return client;
  }

  destroyAll(): void {
    for (const client of this.#open.splice(0)) client.destroy();
  }
}

/** Polls `check` until it holds, failing with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A raw websocket to the sync endpoint, for sending frames a stock client never would. */
export interface RawSocket {
  readonly socket: WebSocket;
  readonly received: Uint8Array[];
  /** Resolves with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
}

export function connectRaw(serverUrl: string, documentId: string, token: string | null): RawSocket {
  const url = new URL(`/sync/${documentId}`, serverUrl);
  if (token !== null) url.searchParams.set('token', token);
  const socket = new WebSocket(url.href.replace(/^http/, 'ws'));
  socket.binaryType = 'nodebuffer';
  const received: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });
  opened.catch(() => {});
  return { socket, received, closed, opened };
}

/** The document's state vector as comparable text: equal on two replicas once they hold the same updates. */
export function stateVectorOf(doc: Y.Doc): string {
  return JSON.stringify(
    [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b),
  );
}

/** Edits a document through a stock client, the way another laptop would, and waits until a second client loads the edit from the server. */
export async function editStored(
  serverUrl: string,
  documentId: string,
  token: string,
  edit: (doc: Y.Doc) => void,
): Promise<void> {
  const client = connectStockClient(serverUrl, documentId, token);
  let check: StockClient | null = null;
  try {
    await client.synced;
    edit(client.doc);
    check = connectStockClient(serverUrl, documentId, token);
    await check.synced;
    const reader = check;
    await waitFor(
      'the edit to be stored and served',
      () => stateVectorOf(reader.doc) === stateVectorOf(client.doc),
    );
  } finally {
    check?.destroy();
    client.destroy();
  }
}
