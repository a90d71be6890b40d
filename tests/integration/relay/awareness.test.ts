import type WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, onTestFinished, test } from 'vitest';
import {
  awarenessEntriesIn,
  closeOf,
  countAwarenessFrames,
  encodeAwarenessEntriesFrame,
  openRaw,
  quietWindow,
  readMetric,
} from '../../support/relay-frames.ts';
import {
  connectRaw,
  connectStockClient,
  waitFor,
  type RawSocket,
  type StockClient,
} from '../../support/sync-clients.ts';
import {
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../../support/test-server.ts';

/**
 * The room sends presence at most every 25 ms (AWARENESS_INTERVAL_MS in relay/room-presence.ts). A window
 * of 300 ms is a dozen of those: anything the room meant to forward would have arrived in it.
 */
const QUIET_MS = 300;

let server: Awaited<ReturnType<typeof startTestServer>>;
let workspace: Workspace;
let documentId: string;
const clients: StockClient[] = [];
const raws: RawSocket[] = [];

beforeEach(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url);
  documentId = await createDocumentIn(server.url, workspace, {
    title: 'Working session',
    template: 'roles-working-session',
  });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const raw of raws.splice(0)) raw.socket.terminate();
  await server.stop();
});

async function synced(): Promise<StockClient> {
  const created = connectStockClient(server.url, documentId, workspace.tokens.editor);
  clients.push(created);
  await waitFor('a stock client to sync', () => created.provider.synced, 5_000);
  return created;
}

async function raw(): Promise<RawSocket> {
  const created = connectRaw(server.url, documentId, workspace.tokens.editor);
  raws.push(created);
  return openRaw(created);
}

function nameOf(client: StockClient, clientId: number): unknown {
  return (
    client.provider.awareness.getStates().get(clientId) as { user?: { name?: unknown } } | undefined
  )?.user?.name;
}

function clockOf(client: StockClient): number {
  return client.provider.awareness.meta.get(client.doc.clientID)!.clock;
}

/** How often the observer has received the awareness entry of `clientId` at `clock`. */
function timesSeen(observer: RawSocket, clientId: number, clock: number): number {
  return awarenessEntriesIn(observer.received).filter(
    (entry) => entry.clientId === clientId && entry.clock === clock,
  ).length;
}

describe('presence', () => {
  test('R11: a state one client sets reaches the others', async () => {
    const ana = await synced();
    const ben = await synced();
    ana.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    ben.provider.awareness.setLocalStateField('user', { name: 'Ben' });
    await waitFor(
      'Ana at Ben and Ben at Ana',
      () => nameOf(ben, ana.doc.clientID) === 'Ana' && nameOf(ana, ben.doc.clientID) === 'Ben',
      5_000,
    );

    ana.provider.awareness.setLocalStateField('user', { name: 'Ana (facilitator)' });
    await waitFor(
      'the change at Ben',
      () => nameOf(ben, ana.doc.clientID) === 'Ana (facilitator)',
      5_000,
    );
  });

  test('R5: a client that joins later is told who is already here', async () => {
    const ana = await synced();
    ana.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    const observer = await raw();
    await waitFor(
      'the greeting to name Ana',
      () =>
        awarenessEntriesIn(observer.received).some((entry) => entry.clientId === ana.doc.clientID),
      5_000,
    );
    const late = await synced();
    await waitFor('Ana at the late client', () => nameOf(late, ana.doc.clientID) === 'Ana', 5_000);
  });

  test("R12: a stock client's state disappears at the others when its socket closes, without a goodbye", async () => {
    const ana = await synced();
    const ben = await synced();
    ana.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    await waitFor('Ana at Ben', () => nameOf(ben, ana.doc.clientID) === 'Ana', 5_000);

    // Drop the connection the way a closed laptop lid does: no awareness "null" first.
    ana.provider.shouldConnect = false;
    (ana.provider.ws as unknown as WebSocket).terminate();
    await waitFor(
      'Ana to be gone at Ben',
      () => !ben.provider.awareness.getStates().has(ana.doc.clientID),
      5_000,
    );
  });

  test("R12: a raw socket's published states disappear at the others when it closes", async () => {
    const ben = await synced();
    const sender = await raw();
    sender.socket.send(
      encodeAwarenessEntriesFrame([{ clientId: 4242, clock: 1, state: { user: { name: 'Sam' } } }]),
    );
    await waitFor('Sam at Ben', () => nameOf(ben, 4242) === 'Sam', 5_000);
    sender.socket.terminate();
    await closeOf(sender);
    await waitFor(
      'Sam to be gone at Ben',
      () => !ben.provider.awareness.getStates().has(4242),
      5_000,
    );
  });
});

describe('stale presence is not forwarded', () => {
  test('R10: the same awareness frame sent twice, or an older clock, reaches the others once', async () => {
    const observer = await raw();
    const sender = await raw();
    const staleBefore = await readMetric(server.url, 'pathways_stale_awareness_total');
    const frame = encodeAwarenessEntriesFrame([
      { clientId: 4242, clock: 1, state: { user: { name: 'Sam' } } },
    ]);

    sender.socket.send(frame);
    await waitFor('clock 1 at the observer', () => timesSeen(observer, 4242, 1) === 1, 5_000);
    const framesAfterFirst = countAwarenessFrames(observer.received);

    sender.socket.send(frame);
    sender.socket.send(
      encodeAwarenessEntriesFrame([
        { clientId: 4242, clock: 0, state: { user: { name: 'Sam, earlier' } } },
      ]),
    );
    await waitFor(
      'the room to count both as stale',
      async () =>
        (await readMetric(server.url, 'pathways_stale_awareness_total')) >= staleBefore + 2,
      5_000,
    );
    await quietWindow(QUIET_MS);
    expect(countAwarenessFrames(observer.received)).toBe(framesAfterFirst);

    // A newer clock still goes through, so the window above was live, not a dead socket.
    sender.socket.send(
      encodeAwarenessEntriesFrame([
        { clientId: 4242, clock: 2, state: { user: { name: 'Sam (notes)' } } },
      ]),
    );
    await waitFor('clock 2 at the observer', () => timesSeen(observer, 4242, 2) === 1, 5_000);
    expect(
      awarenessEntriesIn(observer.received)
        .filter((entry) => entry.clientId === 4242)
        .map((entry) => entry.clock),
    ).toEqual([1, 2]);
  });

  test('R10: the echo every stock client sends back of a state it received is dropped', async () => {
    const observer = await raw();
    const ana = await synced();
    const ben = await synced();
    const staleBefore = await readMetric(server.url, 'pathways_stale_awareness_total');

    ana.provider.awareness.setLocalStateField('user', { name: 'Ana' });
    const clock = clockOf(ana);
    await waitFor('Ana at Ben', () => nameOf(ben, ana.doc.clientID) === 'Ana', 5_000);
    // Ben's provider re-sends every awareness change it applies, Ana's included: that is the echo.
    await waitFor(
      "the room to drop Ben's echo",
      async () => (await readMetric(server.url, 'pathways_stale_awareness_total')) > staleBefore,
      5_000,
    );
    await quietWindow(QUIET_MS);
    expect(timesSeen(observer, ana.doc.clientID, clock)).toBe(1);
  });

  test('R10/R11: ten people setting their name once cost at most one frame per person per other person', async () => {
    const people = 10;
    // Each y-websocket provider adds a process 'exit' listener in Node; ten of them plus the
    // file's others pass Node's default warning threshold of ten.
    const maxListeners = process.getMaxListeners();
    process.setMaxListeners(maxListeners + people);
    onTestFinished(() => {
      process.setMaxListeners(maxListeners);
    });
    const room: StockClient[] = [];
    for (let i = 0; i < people; i++) room.push(await synced());
    const received = room.map(() => 0);
    room.forEach((client, index) => {
      // The provider sets binaryType 'arraybuffer'; the first byte is the message type.
      (client.provider.ws as unknown as WebSocket).on('message', (data: ArrayBuffer) => {
        if (new Uint8Array(data)[0] === 1) received[index]!++;
      });
    });
    const staleBefore = await readMetric(server.url, 'pathways_stale_awareness_total');

    room.forEach((client, index) =>
      client.provider.awareness.setLocalStateField('user', { name: `Person ${index}` }),
    );
    await waitFor(
      'everyone to see everyone',
      () =>
        room.every((client) =>
          room.every((other, index) => nameOf(client, other.doc.clientID) === `Person ${index}`),
        ),
      10_000,
    );
    await quietWindow(QUIET_MS);

    // Each of the 10 changes is fresh once; the room batches fresh changes per 25 ms tick and
    // sends each batch at most once to each socket, skipping the socket whose own state it is.
    // So at most people × (people − 1) = 90 frames even with no batching at all. A relay that
    // forwarded every stock client's echo would add another (people − 1) per change and
    // receiver: about people × (people − 1)² = 810 more.
    const total = received.reduce((sum, count) => sum + count, 0);
    // (Measured: the ten changes usually land in one tick, so each socket gets one frame: 10.)
    expect(received.every((count) => count >= 1)).toBe(true);
    expect(total).toBeLessThanOrEqual(people * (people - 1));
    // The echoes reached the room and were dropped there.
    expect(await readMetric(server.url, 'pathways_stale_awareness_total')).toBeGreaterThan(
      staleBefore,
    );
    expect(await readMetric(server.url, 'pathways_stale_awareness_total')).toBeGreaterThan(0);
  });
});
