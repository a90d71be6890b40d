import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { RawSocket } from './sync-clients.ts';
import { TEST_METRICS_TOKEN } from './test-server.ts';

/**
 * y-websocket frames built and read the way a stock client does (lib0 + y-protocols), for raw
 * sockets in the relay's integration tests. Layout: varUint messageType (0 sync, 1 awareness,
 * 2 auth, 3 query awareness), then for sync a varUint syncType (0 step 1, 1 step 2, 2 update)
 * and a varUint8Array payload, for awareness a varUint8Array update.
 */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

/** What a stock client sends first: its state vector, so the server answers with what it lacks. */
export function encodeSyncStep1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** What a stock client sends for every local transaction (`doc.on('update')`). */
export function encodeUpdateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message around an update from `awarenessProtocol.encodeAwarenessUpdate`. */
export function encodeAwarenessFrame(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  /** null when the client left. */
  readonly state: unknown;
}

/**
 * An awareness frame with chosen client ids and clocks. A real `Awareness` only ever counts its
 * own clock up; this writes any clock, so a test can replay an old one.
 */
export function encodeAwarenessEntriesFrame(entries: readonly AwarenessEntry[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(update, entry.clientId);
    encoding.writeVarUint(update, entry.clock);
    encoding.writeVarString(update, JSON.stringify(entry.state));
  }
  return encodeAwarenessFrame(encoding.toUint8Array(update));
}

/** An awareness frame whose states are given as JSON text, so a test can send what JSON.stringify would not make. */
export function encodeAwarenessJsonFrame(
  entries: readonly { clientId: number; clock: number; json: string }[],
): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(update, entry.clientId);
    encoding.writeVarUint(update, entry.clock);
    encoding.writeVarString(update, entry.json);
  }
  return encodeAwarenessFrame(encoding.toUint8Array(update));
}

/** The awareness frame a stock client sends for its own state. */
export function encodeOwnAwarenessFrame(awareness: awarenessProtocol.Awareness): Uint8Array {
  return encodeAwarenessFrame(
    awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
  );
}

/** y-protocols' auth message ("permission denied"); the relay takes tokens in the URL instead. */
export function encodeAuthFrame(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.auth);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/** Any frame of the form varUint type, varUint subtype, varUint8Array payload. */
export function encodeFrame(type: number, subtype: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, subtype);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/**
 * A Yjs update that parses (`Y.decodeUpdate` accepts it) but that `Y.applyUpdate` throws on,
 * without changing the document: one item of a client the document has never seen, whose left
 * origin is a later clock of that same client. Yjs does not treat a same-client origin as a
 * missing dependency, so it does not park the item as pending; it fails looking the origin up.
 */
export function encodeUnappliableUpdate(clientId: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // clients
  encoding.writeVarUint(encoder, 1); // structs of this client
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, 0); // first clock
  encoding.writeUint8(encoder, 0b1000_0100); // has a left origin; content: string
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, 50);
  encoding.writeVarString(encoder, 'forged');
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

export type ServerFrame =
  | { readonly type: 'sync-step-1'; readonly stateVector: Map<number, number> }
  | { readonly type: 'sync-step-2' | 'update'; readonly update: Uint8Array }
  | { readonly type: 'awareness'; readonly entries: readonly AwarenessEntry[] }
  | { readonly type: 'other'; readonly messageType: number };

/** Reads one frame the server sent. Throws on a frame the y-websocket protocol does not allow. */
export function decodeServerFrame(frame: Uint8Array): ServerFrame {
  const decoder = decoding.createDecoder(frame);
  const messageType = decoding.readVarUint(decoder);
  if (messageType === MESSAGE.sync) {
    const syncType = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1)
      return { type: 'sync-step-1', stateVector: Y.decodeStateVector(payload) };
    return {
      type: syncType === syncProtocol.messageYjsSyncStep2 ? 'sync-step-2' : 'update',
      update: payload,
    };
  }
  if (messageType === MESSAGE.awareness) {
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const entries: AwarenessEntry[] = [];
    for (let count = decoding.readVarUint(update); count > 0; count--) {
      entries.push({
        clientId: decoding.readVarUint(update),
        clock: decoding.readVarUint(update),
        state: JSON.parse(decoding.readVarString(update)) as unknown,
      });
    }
    return { type: 'awareness', entries };
  }
  return { type: 'other', messageType };
}

/** Every awareness entry in `frames`, in the order they arrived. */
export function awarenessEntriesIn(frames: readonly Uint8Array[]): AwarenessEntry[] {
  return frames.flatMap((frame) => {
    const decoded = decodeServerFrame(frame);
    return decoded.type === 'awareness' ? decoded.entries : [];
  });
}

export function countAwarenessFrames(frames: readonly Uint8Array[]): number {
  return frames.filter((frame) => frame[0] === MESSAGE.awareness).length;
}

/** Resolves with `promise`, or rejects naming `what` after `timeoutMs`. */
export async function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens a raw socket (bounded), or fails with the HTTP status the server answered. */
export async function openRaw(raw: RawSocket, timeoutMs = 5_000): Promise<RawSocket> {
  await within(raw.opened, timeoutMs, 'the raw socket to open');
  return raw;
}

/** The close code and reason the server gave a raw socket, within `timeoutMs`. */
export function closeOf(
  raw: RawSocket,
  timeoutMs = 5_000,
): Promise<{ code: number; reason: string }> {
  return within(raw.closed, timeoutMs, 'the server to close the raw socket');
}

/** A counter or gauge from GET /metrics, summed over its labels (0 when absent). */
export async function readMetric(baseUrl: string, name: string): Promise<number> {
  const text = await (
    await fetch(new URL('/metrics', baseUrl), {
      headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
    })
  ).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (match && match[1] === name) sum += Number(match[3]);
  }
  return sum;
}

/** Resolves after `ms`: a bounded window in which something must NOT happen. */
export function quietWindow(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
