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
import { ManualClock } from '../../support/manual-clock.ts';

/**
 * The relay writes every room that is busy in the same tick in one storage call, and only then
 * relays: checked with sockets and a store that record what happened, in order.
 */

const isUpdateFrame = (frame: Uint8Array): boolean => frame[0] === 0 && frame[1] === 2;

interface Recorded {
  readonly log: string[];
  readonly appendCalls: DocumentAppend[][];
  /** Commits starting and ending, in order. */
  readonly commits: string[];
}

/** Holds every commit until the test opens it; open from the start unless a test closes it. */
class CommitGate {
  private waiting: (() => void)[] = [];
  closed = false;

  pass(): Promise<void> {
    return this.closed ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve();
  }

  open(): void {
    this.closed = false;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** A memory store whose appends are logged, can be made to fail, and wait at `gate`. */
function recordingStore(recorded: Recorded, failAppends: boolean, gate: CommitGate): DocumentStore {
  const store = new MemoryDocumentStore();
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'appendUpdates') return Reflect.get(target, property, receiver);
      return async (appends: DocumentAppend[]) => {
        recorded.appendCalls.push(appends);
        const documents = appends.map((append) => append.documentId).join('+');
        recorded.log.push(`append ${documents}`);
        recorded.commits.push(`start ${documents}`);
        try {
          await gate.pass();
          if (failAppends) throw new Error('disk full');
          return await target.appendUpdates(appends);
        } finally {
          recorded.commits.push(`end ${documents}`);
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

/** One turn of the event loop: the relay's rounds start in the next one. */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Lets the event loop turn until `done()` holds; bounded in turns, with no time passing on the relay's clock. */
async function until(what: string, done: () => boolean): Promise<void> {
  for (let turns = 0; turns < 500; turns++) {
    if (done()) return;
    await turn();
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function twoRooms(failAppends: boolean, commitIntervalMs = 0) {
  const recorded: Recorded = { log: [], appendCalls: [], commits: [] };
  const gate = new CommitGate();
  const clock = new ManualClock();
  const store = recordingStore(recorded, failAppends, gate);
  const relay = new Relay({
    store,
    logger: pino({ level: 'silent' }),
    metrics: createRelayMetrics(),
    maxMessageBytes: 1 << 20,
    commitIntervalMs,
    clock,
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
  return { relay, store, recorded, sockets, handlers, gate, clock };
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
    const { relay, recorded, handlers, gate } = await twoRooms(false);
    gate.closed = true;
    handlers.aliceInA.onMessage(keystroke('a'));
    await until('the first commit to start', () => recorded.appendCalls.length === 1);
    // Both arrive while the first commit is running: neither may start a commit of its own.
    handlers.carolInB.onMessage(keystroke('b'));
    await turn();
    handlers.bobInA.onMessage(keystroke('c'));
    for (let i = 0; i < 20; i++) await turn();
    expect(recorded.appendCalls).toHaveLength(1);
    // No time passes on the relay's clock: a commit waiting on it would never start.
    gate.open();
    await until(
      'both relayed',
      () => recorded.log.includes('relay to daveInB') && recorded.log.includes('relay to aliceInA'),
    );

    expect(recorded.appendCalls.map((call) => call.map((append) => append.documentId))).toEqual([
      ['doc-a'],
      ['doc-b', 'doc-a'],
    ]);
    // One commit at a time: the second starts after the first is done.
    expect(recorded.commits).toEqual([
      'start doc-a',
      'end doc-a',
      'start doc-b+doc-a',
      'end doc-b+doc-a',
    ]);
    await relay.shutdown();
  });

  test('R3: a positive commit interval spaces commits: what arrives meanwhile shares the next one, and a quiet relay does not wait', async () => {
    const intervalMs = 80;
    const { relay, recorded, handlers, clock } = await twoRooms(false, intervalMs);
    // A quiet relay commits at once, with no time passing.
    handlers.aliceInA.onMessage(keystroke('a'));
    await until('the first keystroke relayed', () => recorded.log.includes('relay to bobInA'));
    // Two rooms, at different moments within the interval: one commit for both, once it has passed.
    handlers.carolInB.onMessage(keystroke('b'));
    clock.advance(10);
    handlers.bobInA.onMessage(keystroke('c'));
    for (let i = 0; i < 20; i++) await turn();
    expect(recorded.appendCalls).toHaveLength(1);
    clock.advance(intervalMs - 11);
    for (let i = 0; i < 20; i++) await turn();
    expect(recorded.appendCalls).toHaveLength(1);
    clock.advance(1);
    await until(
      'both relayed',
      () => recorded.log.includes('relay to daveInB') && recorded.log.includes('relay to aliceInA'),
    );
    expect(recorded.appendCalls.map((call) => call.map((append) => append.documentId))).toEqual([
      ['doc-a'],
      ['doc-b', 'doc-a'],
    ]);

    // Idle for longer than the interval: the next keystroke is committed without waiting.
    clock.advance(intervalMs * 2);
    recorded.log.length = 0;
    handlers.daveInB.onMessage(keystroke('d'));
    await until('relayed after idling', () => recorded.log.includes('relay to carolInB'));
    await relay.shutdown();
  });
});
