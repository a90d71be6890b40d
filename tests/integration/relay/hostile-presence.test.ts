import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CLOSE } from '../../../sync-server/relay/close-codes.ts';
import { MAX_PRESENCE_PER_SOCKET } from '../../../sync-server/relay/presence-owners.ts';
import { PRESENCE_LIMITS } from '../../../sync-server/relay/protocol.ts';
import {
  closeOf,
  encodeAwarenessEntriesFrame,
  encodeAwarenessJsonFrame,
  openRaw,
  quietWindow,
  readMetric,
} from '../../support/relay-frames.ts';
import { startServerProcess, type ServerProcess } from '../../support/server-process.ts';
import {
  connectRaw,
  connectStockClient,
  waitFor,
  type RawSocket,
  type StockClient,
} from '../../support/sync-clients.ts';
import { createDocumentIn, createWorkspace, type Workspace } from '../../support/test-server.ts';

/**
 * Threat model T1 (README): anyone holding a link, a viewer's included, can send the relay any
 * presence frame. These run against the real `npm start` process, so a crash shows as an exit.
 */
let server: ServerProcess;
let workspace: Workspace;
let documentId: string;
const clients: StockClient[] = [];
const raws: RawSocket[] = [];

beforeEach(async () => {
  server = await startServerProcess({ LOG_LEVEL: 'silent' });
  workspace = await createWorkspace(server.url);
  documentId = await createDocumentIn(server.url, workspace, {
    title: 'Working session',
    template: 'roles-working-session',
  });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const raw of raws.splice(0)) raw.socket.terminate();
  server.child.kill('SIGTERM');
  await server.exited;
});

async function named(name: string): Promise<StockClient> {
  const client = connectStockClient(server.url, documentId, workspace.tokens.editor);
  clients.push(client);
  await waitFor('a stock client to sync', () => client.provider.synced, 5_000);
  client.provider.awareness.setLocalStateField('user', { name });
  return client;
}

async function viewerSocket(): Promise<RawSocket> {
  const raw = connectRaw(server.url, documentId, workspace.tokens.viewer);
  raws.push(raw);
  return openRaw(raw);
}

function nameOf(client: StockClient, clientId: number): unknown {
  return (
    client.provider.awareness.getStates().get(clientId) as { user?: { name?: unknown } } | undefined
  )?.user?.name;
}

/** Ana and Ben see each other; returns them once they do. */
async function twoPeople(): Promise<[StockClient, StockClient]> {
  const ana = await named('Ana');
  const ben = await named('Ben');
  await waitFor(
    'Ana and Ben to see each other',
    () => nameOf(ben, ana.doc.clientID) === 'Ana' && nameOf(ana, ben.doc.clientID) === 'Ben',
    5_000,
  );
  return [ana, ben];
}

/** The server still serves, and presence still flows between the two. */
async function expectStillServing(ana: StockClient, ben: StockClient): Promise<void> {
  expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
  ana.provider.awareness.setLocalStateField('user', { name: 'Ana (after)' });
  await waitFor(
    "Ana's new name at Ben",
    () => nameOf(ben, ana.doc.clientID) === 'Ana (after)',
    5_000,
  );
}

describe('presence a viewer sends is checked before the room keeps it', () => {
  test("R19: a state nested 5,000 deep closes the viewer's socket with 4413 and the server keeps serving", async () => {
    const [ana, ben] = await twoPeople();
    const viewer = await viewerSocket();
    const nested = `{"user":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    viewer.socket.send(encodeAwarenessJsonFrame([{ clientId: 777_001, clock: 1, json: nested }]));

    expect(await closeOf(viewer)).toEqual({
      code: CLOSE.presenceRefused.code,
      reason: CLOSE.presenceRefused.reason,
    });
    await expectStillServing(ana, ben);
    expect(ben.provider.awareness.getStates().has(777_001)).toBe(false);
  });

  test('R19: a state over the size limit closes the socket with 4413 and reaches nobody', async () => {
    const [ana, ben] = await twoPeople();
    const viewer = await viewerSocket();
    const huge = { user: { name: 'x'.repeat(PRESENCE_LIMITS.maxStateChars) } };
    viewer.socket.send(encodeAwarenessEntriesFrame([{ clientId: 777_002, clock: 1, state: huge }]));

    expect((await closeOf(viewer)).code).toBe(CLOSE.presenceRefused.code);
    await expectStillServing(ana, ben);
    expect(ben.provider.awareness.getStates().has(777_002)).toBe(false);
  });

  test("R20: a forged state for another person's client id changes nothing at the others", async () => {
    const [ana, ben] = await twoPeople();
    const viewer = await viewerSocket();
    const anaClock = ana.provider.awareness.meta.get(ana.doc.clientID)!.clock;
    const foreignBefore = await readMetric(server.url, 'pathways_foreign_awareness_total');

    viewer.socket.send(
      encodeAwarenessEntriesFrame([
        { clientId: ana.doc.clientID, clock: anaClock + 100, state: { user: { name: 'Mallory' } } },
        { clientId: ben.doc.clientID, clock: 10_000, state: null },
      ]),
    );
    await waitFor(
      'the room to drop both',
      async () =>
        (await readMetric(server.url, 'pathways_foreign_awareness_total')) >= foreignBefore + 2,
      5_000,
    );
    await quietWindow(300);
    expect(nameOf(ben, ana.doc.clientID)).toBe('Ana');
    expect(nameOf(ana, ben.doc.clientID)).toBe('Ben');
    // Not closed: a stock client's echo of someone else's state is normal traffic.
    expect(viewer.socket.readyState).toBe(viewer.socket.OPEN);
    await expectStillServing(ana, ben);
  });

  test('R20: a thousand fake presences from one socket close it with 4429 and none reach the others', async () => {
    const [ana, ben] = await twoPeople();
    const viewer = await viewerSocket();
    const fakes = Array.from({ length: 1000 }, (_, i) => ({
      clientId: 900_000 + i,
      clock: 1,
      state: { user: { name: `Fake ${i}` } },
    }));
    viewer.socket.send(encodeAwarenessEntriesFrame(fakes));

    expect(await closeOf(viewer)).toEqual({
      code: CLOSE.tooManyPresences.code,
      reason: CLOSE.tooManyPresences.reason,
    });
    await quietWindow(300);
    expect(
      [...ben.provider.awareness.getStates().keys()].filter((id) => id >= 900_000 && id < 901_000),
    ).toEqual([]);
    await expectStillServing(ana, ben);
  });

  test(`R20: one socket may publish up to ${MAX_PRESENCE_PER_SOCKET} presences, one frame at a time`, async () => {
    const [ana, ben] = await twoPeople();
    const viewer = await viewerSocket();
    for (let i = 0; i < MAX_PRESENCE_PER_SOCKET; i++) {
      viewer.socket.send(
        encodeAwarenessEntriesFrame([
          { clientId: 800_000 + i, clock: 1, state: { user: { name: `Tab ${i}` } } },
        ]),
      );
    }
    await waitFor(
      'every tab at Ben',
      () =>
        Array.from({ length: MAX_PRESENCE_PER_SOCKET }, (_, i) => nameOf(ben, 800_000 + i)).every(
          (name, i) => name === `Tab ${i}`,
        ),
      5_000,
    );
    viewer.socket.send(
      encodeAwarenessEntriesFrame([
        {
          clientId: 800_000 + MAX_PRESENCE_PER_SOCKET,
          clock: 1,
          state: { user: { name: 'One too many' } },
        },
      ]),
    );
    expect((await closeOf(viewer)).code).toBe(CLOSE.tooManyPresences.code);
    await waitFor(
      "the closed socket's presences to leave Ben",
      () =>
        [...ben.provider.awareness.getStates().keys()].every(
          (id) => id < 800_000 || id > 800_000 + MAX_PRESENCE_PER_SOCKET,
        ),
      5_000,
    );
    await expectStillServing(ana, ben);
  });
});
