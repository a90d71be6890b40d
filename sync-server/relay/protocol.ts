import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * The y-websocket wire protocol as pure functions from bytes to messages and back, so the relay's
 * decisions can be tested without a socket. Frame layout (y-protocols):
 *
 *   varUint messageType: 0 sync | 1 awareness | 2 auth | 3 query awareness
 *   sync:      varUint syncType (0 step 1 | 1 step 2 | 2 update), varUint8Array payload
 *   awareness: varUint8Array update = varUint count, count × (varUint clientID, varUint clock, varString JSON state)
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  /** Parsed JSON state; null when the client left. */
  readonly state: unknown;
}

export type ClientMessage =
  | { readonly type: 'sync-step-1'; readonly stateVector: Uint8Array }
  /** Step 2 and update carry the same thing for a relay: document changes to apply. */
  | { readonly type: 'update'; readonly update: Uint8Array }
  | {
      readonly type: 'awareness';
      readonly update: Uint8Array;
      readonly entries: readonly AwarenessEntry[];
    }
  | { readonly type: 'query-awareness' };

/**
 * Why a frame was refused: `malformed` for bytes that are not the protocol, `presence` for a
 * well-formed awareness state over PRESENCE_LIMITS (the relay closes each with its own code).
 */
export type DecodeFailure = 'malformed' | 'presence';

export type Decoded =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly failure: DecodeFailure; readonly error: string };

/**
 * What one presence state may be. Ours holds a name, a colour, a caret and a focus: under 1 KB
 * and 5 levels. The limits are checked before the state is parsed, because y-protocols
 * re-serialises every state with JSON.stringify when the room forwards it, and a state nested a
 * few thousand levels deep overflows the stack there.
 */
export const PRESENCE_LIMITS = {
  maxStateChars: 8 * 1024,
  maxDepth: 16,
} as const;

class PresenceRefused extends Error {}

/**
 * Decodes one client frame. Never throws: anything that is not exactly one well-formed message
 * (truncated, trailing bytes, unknown type, an update Yjs cannot parse, awareness JSON that is
 * not JSON) comes back as an error naming what was wrong.
 */
export function decodeClientFrame(frame: Uint8Array): Decoded {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readMessage(decoder);
    if (typeof message === 'string') return { ok: false, failure: 'malformed', error: message };
    if (decoding.hasContent(decoder))
      return { ok: false, failure: 'malformed', error: 'trailing bytes after the message' };
    return { ok: true, message };
  } catch (error) {
    if (error instanceof PresenceRefused)
      return { ok: false, failure: 'presence', error: error.message };
    return {
      ok: false,
      failure: 'malformed',
      error: `undecodable: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage | string {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MESSAGE_SYNC: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === SYNC_STEP_1) {
        Y.decodeStateVector(payload); // throws on garbage
        return { type: 'sync-step-1', stateVector: payload };
      }
      if (syncType === SYNC_STEP_2 || syncType === SYNC_UPDATE) {
        Y.decodeUpdate(payload); // parses every struct and the delete set; throws on garbage
        return { type: 'update', update: payload };
      }
      return `unknown sync message type ${syncType}`;
    }
    case MESSAGE_AWARENESS: {
      const update = decoding.readVarUint8Array(decoder);
      return { type: 'awareness', update, entries: decodeAwarenessEntries(update) };
    }
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'query-awareness' };
    case MESSAGE_AUTH:
      return 'auth messages are not accepted: the token goes in the URL';
    default:
      return `unknown message type ${type}`;
  }
}

function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > PRESENCE_LIMITS.maxStateChars)
      throw new PresenceRefused(
        `presence state of ${json.length} characters (at most ${PRESENCE_LIMITS.maxStateChars})`,
      );
    if (jsonNestingExceeds(json, PRESENCE_LIMITS.maxDepth))
      throw new PresenceRefused(
        `presence state nested deeper than ${PRESENCE_LIMITS.maxDepth} levels`,
      );
    const state: unknown = JSON.parse(json);
    entries.push({ clientId, clock, state });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  return entries;
}

/**
 * True when JSON text opens more than `maxDepth` arrays or objects inside one another. Brackets
 * inside strings do not count. Runs on the text, so nothing deep is ever built or recursed into.
 */
export function jsonNestingExceeds(json: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const char = json.charCodeAt(i);
    if (inString) {
      if (char === 0x5c /* backslash: skip the escaped character */) i++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      if (++depth > maxDepth) return true;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) depth--;
  }
  return false;
}

/**
 * True for the update that changes nothing: no structs and an empty delete set, the bytes
 * [0, 0]. It is what a stock client sends back when asked for what the server lacks and the
 * answer is nothing (and the document has no deletions).
 */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return prefixedMessage(MESSAGE_SYNC, SYNC_STEP_1, Y.encodeStateVector(doc));
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return prefixedMessage(MESSAGE_SYNC, SYNC_STEP_2, Y.encodeStateAsUpdate(doc, stateVector));
}

/** A sync step 2 carrying `update` as it is (already the answer to the client's state vector). */
export function encodeSyncStep2FromUpdate(update: Uint8Array): Uint8Array {
  return prefixedMessage(MESSAGE_SYNC, SYNC_STEP_2, update);
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return prefixedMessage(MESSAGE_SYNC, SYNC_UPDATE, update);
}

/** An awareness update (y-protocols layout) holding exactly `entries`: a filtered copy of a client's. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  return prefixedMessage(MESSAGE_AWARENESS, null, awarenessUpdate);
}

/**
 * A message as lib0's encoder writes it (one-byte types, then `payload` as a varUint8Array),
 * built in one array of the exact size: the relay sends one per round, and an encoder's growing
 * buffers and final copy were a measurable share of its allocations.
 */
function prefixedMessage(type: number, subtype: number | null, payload: Uint8Array): Uint8Array {
  const length = payload.byteLength;
  let lengthBytes = 1;
  for (let rest = length; rest > 0x7f; rest = Math.floor(rest / 0x80)) lengthBytes++;
  const start = subtype === null ? 1 : 2;
  const message = new Uint8Array(start + lengthBytes + length);
  message[0] = type;
  if (subtype !== null) message[1] = subtype;
  let at = start;
  let rest = length;
  for (; rest > 0x7f; rest = Math.floor(rest / 0x80)) message[at++] = 0x80 | (rest & 0x7f);
  message[at++] = rest;
  message.set(payload, at);
  return message;
}
