import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readMeta, writeTitle } from '../../core/schema/index.ts';
import {
  EMPTY_SYNC_STEP_1,
  openEarlySocket,
  relaySocketUrl,
  webSocketAdoptingEarly,
} from '../../client/sync/early-socket.ts';
import { connectStockClient, waitFor, type StockClient } from '../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  TEST_METRICS_TOKEN,
  type Workspace,
} from '../support/test-server.ts';

/**
 * A document page opens its relay socket before its code has loaded (client/early-start.ts) and
 * the stock y-websocket provider adopts it later. Driven here with `ws` against the real server.
 */

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;
let workspace: Workspace;
let documentId: string;
const cleanups: (() => void)[] = [];

/** `ws`, recording every socket it makes and what each sends, so a test can tell which requests went out. */
const made: RecordingWebSocket[] = [];
class RecordingWebSocket extends WebSocket {
  readonly frames: Uint8Array[] = [];
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    made.push(this);
  }

  override send(data: unknown, ...rest: unknown[]): void {
    this.frames.push(new Uint8Array(data as ArrayBufferLike));
    (super.send as (...args: unknown[]) => void)(data, ...rest);
  }
}
const Recording = RecordingWebSocket as unknown as typeof globalThis.WebSocket;

const syncServerUrl = () => new URL('/sync', server.url).href.replace(/^http/, 'ws');
const isSyncStep1 = (frame: Uint8Array) => frame[0] === 0 && frame[1] === 0;

function adoptingProvider(doc: Y.Doc, token = workspace.tokens.editor): WebsocketProvider {
  const provider = new WebsocketProvider(syncServerUrl(), documentId, doc, {
    params: { token },
    WebSocketPolyfill: webSocketAdoptingEarly(Recording),
    disableBc: true,
    maxBackoffTime: 200,
  });
  cleanups.push(() => provider.destroy());
  return provider;
}

function stockClient(): StockClient {
  const client = connectStockClient(server.url, documentId, workspace.tokens.editor);
  cleanups.push(() => client.destroy());
  return client;
}

async function openSockets(): Promise<number> {
  const text = await (await api(server.url, '/metrics', { token: TEST_METRICS_TOKEN })).text();
  return Number(/^pathways_sockets (\d+)/m.exec(text)?.[1]);
}

beforeEach(async () => {
  made.length = 0;
  server = await startTestServer();
  workspace = await createWorkspace(server.url);
  documentId = await createDocumentIn(server.url, workspace, {
    title: 'Roles',
    template: 'roles-working-session',
  });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server.stop();
});

describe('the early relay socket', () => {
  test("asks for the whole document in y-protocols' own words", async () => {
    const { writeSyncStep1 } = await import('y-protocols/sync');
    const { createEncoder, toUint8Array, writeVarUint } = await import('lib0/encoding');
    const encoder = createEncoder();
    writeVarUint(encoder, 0);
    writeSyncStep1(encoder, new Y.Doc());
    expect(EMPTY_SYNC_STEP_1).toEqual(toUint8Array(encoder));
  });

  test('is opened at the URL the provider asks for', () => {
    const provider = new WebsocketProvider(syncServerUrl(), documentId, new Y.Doc(), {
      params: { token: 'a+b/c=d' },
      connect: false,
      WebSocketPolyfill: Recording,
    });
    cleanups.push(() => provider.destroy());
    expect(relaySocketUrl(syncServerUrl(), documentId, 'a+b/c=d')).toBe(provider.url);
  });

  test('is adopted by the provider with everything it received meanwhile, in order, and is the only connection', async () => {
    const url = relaySocketUrl(syncServerUrl(), documentId, workspace.tokens.editor);
    openEarlySocket(url, Recording);
    const early = made[0]!.frames;
    await waitFor('the early request for the document', () => early.length === 1);
    // Someone edits while the page's code is still loading: that update is queued for the page too.
    const other = stockClient();
    await other.synced;
    writeTitle(other.doc, 'Renamed while the page loaded');

    await new Promise((resolve) => setTimeout(resolve, 200));
    const doc = new Y.Doc();
    const provider = adoptingProvider(doc);
    await waitFor('the provider to sync', () => provider.synced);
    expect(readMeta(doc).value.title).toBe('Renamed while the page loaded');
    // The provider opened no socket of its own: the server sees the page's and the other client's.
    expect(made).toHaveLength(1);
    expect(await openSockets()).toBe(2);
    // The provider's own "send me everything" would only have fetched the document again.
    expect(early.filter(isSyncStep1)).toHaveLength(1);

    // And the adopted socket carries edits both ways.
    writeTitle(doc, 'From the page');
    await waitFor(
      "the page's edit at the other client",
      () => readMeta(other.doc).value.title === 'From the page',
    );
    writeTitle(other.doc, 'From the other client');
    await waitFor(
      "the other client's edit at the page",
      () => readMeta(doc).value.title === 'From the other client',
    );
  });

  test('adopted before it has opened, lets the provider make its own request', async () => {
    const url = relaySocketUrl(syncServerUrl(), documentId, workspace.tokens.editor);
    openEarlySocket(url, Recording);
    const doc = new Y.Doc();
    const provider = adoptingProvider(doc);
    await waitFor('the provider to sync', () => provider.synced);
    expect(made).toHaveLength(1);
    expect(made[0]!.frames.filter(isSyncStep1)).toHaveLength(1);
    expect(
      made[0]!.frames.some(
        (frame) =>
          frame.length === EMPTY_SYNC_STEP_1.length &&
          frame.every((byte, i) => byte === EMPTY_SYNC_STEP_1[i]),
      ),
    ).toBe(true);
    expect(readMeta(doc).value.title).toBe('Roles');
  });

  test('refused (a wrong token), is not handed to the provider, which connects anew and hears the refusal', async () => {
    const url = relaySocketUrl(syncServerUrl(), documentId, 'not-a-token');
    openEarlySocket(url, Recording);
    await waitFor('the refusal', () => made[0]!.readyState === WebSocket.CLOSED);
    expect(made[0]!.frames).toHaveLength(0);
    const errors: unknown[] = [];
    const provider = adoptingProvider(new Y.Doc(), 'not-a-token');
    provider.on('connection-error', (event) => errors.push(event));
    await waitFor("the provider's own refused attempt", () => errors.length > 0);
    expect(made.length).toBeGreaterThanOrEqual(2);
    expect(provider.synced).toBe(false);
  });

  test('left unclaimed, is closed', async () => {
    const url = relaySocketUrl(syncServerUrl(), documentId, workspace.tokens.editor);
    openEarlySocket(url, Recording, 300);
    await waitFor('the early socket to open', async () => (await openSockets()) === 1);
    await waitFor('the unclaimed socket to close', async () => (await openSockets()) === 0, 5_000);
    // A provider asking afterwards gets a socket of its own.
    const provider = adoptingProvider(new Y.Doc());
    await waitFor('the provider to sync', () => provider.synced);
    expect(made).toHaveLength(2);
  });
});
