import * as decoding from 'lib0/decoding';
import pino from 'pino';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { createRelayMetrics } from '../../../sync-server/observability/metrics.ts';
import { CLOSE } from '../../../sync-server/relay/close-codes.ts';
import type { RelaySocket } from '../../../sync-server/relay/connection.ts';
import { encodeSyncUpdate } from '../../../sync-server/relay/protocol.ts';
import { Relay, type SocketHandlers } from '../../../sync-server/relay/relay.ts';
import type { DocumentAppend, DocumentStore } from '../../../sync-server/storage/document-store.ts';
import { MemoryDocumentStore } from '../../../sync-server/storage/memory-store.ts';

/**
 * The relay writes every room that is busy in the same tick in one storage call, and only then
 * relays: checked with sockets and a store that record what happened, in order.
 */

const isUpdateFrame = (frame: Uint8Array): boolean => frame[0] === 0 && frame[1] === 2;

interface Recorded {
  readonly log: string[];
  readonly appendCalls: DocumentAppend[][];
  readonly commits: { startedAt: number; endedAt: number }[];
}

/** A memory store whose appends are logged, can be made to fail, and can take `commitMs` each. */
function recordingStore(recorded: Recorded, failAppends: boolean, commitMs = 0): DocumentStore {
  const store = new MemoryDocumentStore();
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'appendUpdates') return Reflect.get(target, property, receiver);
      return async (appends: DocumentAppend[]) => {
        recorded.appendCalls.push(appends);
        recorded.log.push(`append ${appends.map((append) => append.documentId).join('+')}`);
        recorded.commits.push({ startedAt: performance.now(), endedAt: Infinity });
        const commit = recorded.commits.at(-1)!;
        try {
          if (commitMs > 0) await new Promise((resolve) => setTimeout(resolve, commitMs));
          if (failAppends) throw new Error('disk full');
          return await target.appendUpdates(appends);
        } finally {
          commit.endedAt = performance.now();
        }
      };
    },
  });
}

function recordingSocket(name: string, recorded: Recorded) {
  const frames: Uint8Array[] = [];
  const closes: number[] = [];
  let open = true;
  const socket: RelaySocket = {
    send: (frame) => {
      frames.push(frame);
      if (isUpdateFrame(frame)) recorded.log.push(`relay to ${name}`);
    },
    close: (code) => {
      closes.push(code);
      open = false;
    },
    pause: () => {},
    resume: () => {},
    get isOpen() {
      return open;
    },
  };
  return { socket, frames, closes };
}

/** A keystroke from a fresh client, as a y-websocket update frame. */
function keystroke(text: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getText('notes').insert(0, text);
  doc.destroy();
  return encodeSyncUpdate(update!);
}

/** Yields to the event loop until `done()` holds; bounded in turns. */
async function until(what: string, done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 500; turn++) {
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function twoRooms(failAppends: boolean, commitIntervalMs = 0, commitMs = 0) {
  const recorded: Recorded = { log: [], appendCalls: [], commits: [] };
  const store = recordingStore(recorded, failAppends, commitMs);
  const relay = new Relay({
    store,
    logger: pino({ level: 'silent' }),
    metrics: createRelayMetrics(),
    maxMessageBytes: 1 << 20,
    commitIntervalMs,
  });
  const access = { workspaceId: 'w', role: 'editor' } as const;
  const sockets = {
    aliceInA: recordingSocket('aliceInA', recorded),
    bobInA: recordingSocket('bobInA', recorded),
    carolInB: recordingSocket('carolInB', recorded),
    daveInB: recordingSocket('daveInB', recorded),
  };
  const handlers: Record<keyof typeof sockets, SocketHandlers> = {
    aliceInA: relay.connect('doc-a', sockets.aliceInA.socket, access),
    bobInA: relay.connect('doc-a', sockets.bobInA.socket, access),
    carolInB: relay.connect('doc-b', sockets.carolInB.socket, access),
    daveInB: relay.connect('doc-b', sockets.daveInB.socket, access),
  };
  // Loaded once each socket has had the greeting.
  await until('both rooms to load', () =>
    Object.values(sockets).every((socket) => socket.frames.length > 0),
  );
  return { relay, store, recorded, sockets, handlers };
}

describe('one storage commit per round across rooms', () => {
  test('R1/R3: two rooms written in the same tick are stored in one call, and both are durable before either relays', async () => {
    const { relay, store, recorded, sockets, handlers } = await twoRooms(false);
    handlers.aliceInA.onMessage(keystroke('a'));
    handlers.carolInB.onMessage(keystroke('b'));
    await until(
      'both keystrokes relayed',
      () => recorded.log.includes('relay to bobInA') && recorded.log.includes('relay to daveInB'),
    );

    expect(recorded.appendCalls.map((call) => call.map((append) => append.documentId))).toEqual([
      ['doc-a', 'doc-b'],
    ]);
    expect(recorded.log[0]).toBe('append doc-a+doc-b');
    expect(recorded.log.slice(1).sort()).toEqual(['relay to bobInA', 'relay to daveInB']);
    // Nobody gets their own keystroke back.
    expect(sockets.aliceInA.frames.some(isUpdateFrame)).toBe(false);
    expect(sockets.carolInB.frames.some(isUpdateFrame)).toBe(false);
    expect((await store.loadDocument('doc-a')).updates).toHaveLength(1);
    expect((await store.loadDocument('doc-b')).updates).toHaveLength(1);
    await relay.shutdown();
  });

  test('R4: a failed batch closes every socket of the rooms in it with 1011, relays nothing and stores nothing', async () => {
    const { relay, store, recorded, sockets, handlers } = await twoRooms(true);
    handlers.aliceInA.onMessage(keystroke('a'));
    handlers.carolInB.onMessage(keystroke('b'));
    await until('every socket closed', () =>
      Object.values(sockets).every((socket) => socket.closes.length > 0),
    );

    expect(recorded.appendCalls).toHaveLength(1);
    expect(recorded.log).toEqual(['append doc-a+doc-b']);
    for (const socket of Object.values(sockets))
      expect(socket.closes).toEqual([CLOSE.storageFailed.code]);
    expect((await store.loadDocument('doc-a')).updates).toEqual([]);
    expect((await store.loadDocument('doc-b')).updates).toEqual([]);
    await relay.shutdown();
  });

  test('R2: a round with several writers stores one merged update, and each writer gets only the others\u2019 changes', async () => {
    const { relay, store, sockets, handlers } = await twoRooms(false);
    handlers.aliceInA.onMessage(keystroke('x'));
    handlers.bobInA.onMessage(keystroke('y'));
    await until(
      'both writers to hear from the other',
      () =>
        sockets.aliceInA.frames.some(isUpdateFrame) && sockets.bobInA.frames.some(isUpdateFrame),
    );

    const stored = (await store.loadDocument('doc-a')).updates;
    expect(stored).toHaveLength(1);
    const storedDoc = new Y.Doc();
    Y.applyUpdate(storedDoc, stored[0]!);
    expect([...storedDoc.getText('notes').toString()].sort()).toEqual(['x', 'y']);
    const received = (frames: Uint8Array[]): string => {
      const doc = new Y.Doc();
      for (const frame of frames.filter(isUpdateFrame)) {
        const decoder = decoding.createDecoder(frame);
        decoding.readVarUint(decoder); // message type
        decoding.readVarUint(decoder); // sync type
        Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      }
      return doc.getText('notes').toString();
    };
    expect(received(sockets.aliceInA.frames)).toBe('y');
    expect(received(sockets.bobInA.frames)).toBe('x');
    await relay.shutdown();
  });

  test('R3: group commit: what arrives during a running commit shares the next one, which starts as soon as it is done', async () => {
    const commitMs = 60;
    const { relay, recorded, handlers } = await twoRooms(false, 0, commitMs);
    handlers.aliceInA.onMessage(keystroke('a'));
    await until('the first commit to start', () => recorded.commits.length === 1);
    // Both arrive while the first commit is running: neither may start a commit of its own.
    handlers.carolInB.onMessage(keystroke('b'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    handlers.bobInA.onMessage(keystroke('c'));
    await until(
      'both relayed',
      () => recorded.log.includes('relay to daveInB') && recorded.log.includes('relay to aliceInA'),
    );

    expect(recorded.appendCalls.map((call) => call.map((append) => append.documentId))).toEqual([
      ['doc-a'],
      ['doc-b', 'doc-a'],
    ]);
    const [first, second] = recorded.commits;
    // One commit at a time, and the second waited for nothing but the first.
    expect(second!.startedAt).toBeGreaterThanOrEqual(first!.endedAt);
    expect(second!.startedAt - first!.endedAt).toBeLessThan(commitMs / 2);
    await relay.shutdown();
  });

  test('R3: a positive commit interval spaces commits: what arrives meanwhile shares the next one, and a quiet relay does not wait', async () => {
    const intervalMs = 80;
    const { relay, recorded, handlers } = await twoRooms(false, intervalMs);
    const appendTimes: number[] = [];
    const started = performance.now();
    handlers.aliceInA.onMessage(keystroke('a'));
    await until('the first keystroke relayed', () => recorded.log.includes('relay to bobInA'));
    appendTimes.push(performance.now() - started);
    // Two rooms, at different moments within the interval: one commit for both, after it.
    handlers.carolInB.onMessage(keystroke('b'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    handlers.bobInA.onMessage(keystroke('c'));
    await until(
      'both relayed',
      () => recorded.log.includes('relay to daveInB') && recorded.log.includes('relay to aliceInA'),
    );
    appendTimes.push(performance.now() - started);

    expect(recorded.appendCalls.map((call) => call.map((append) => append.documentId))).toEqual([
      ['doc-a'],
      ['doc-b', 'doc-a'],
    ]);
    // The quiet relay committed at once; the second commit waited for the interval to pass.
    expect(appendTimes[0]).toBeLessThan(intervalMs / 2);
    expect(appendTimes[1]! - appendTimes[0]!).toBeGreaterThanOrEqual(intervalMs / 2);

    // Idle for longer than the interval: the next keystroke is committed without waiting.
    await new Promise((resolve) => setTimeout(resolve, intervalMs * 2));
    const idleAt = performance.now();
    recorded.log.length = 0;
    handlers.daveInB.onMessage(keystroke('d'));
    await until('relayed after idling', () => recorded.log.includes('relay to carolInB'));
    expect(performance.now() - idleAt).toBeLessThan(intervalMs / 2);
    await relay.shutdown();
  });
});
