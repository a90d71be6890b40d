import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  decodeClientFrame,
  encodeAwarenessMessage,
  encodeSyncStep1,
  encodeSyncStep2FromUpdate,
  encodeSyncStep2,
  encodeSyncUpdate,
} from '../../../sync-server/relay/protocol.ts';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function edit(): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getText('t').insert(0, 'hello');
  return update;
}

describe('decoding what a stock y-websocket client sends', () => {
  test('sync step 1, step 2, updates, awareness and awareness queries decode to their messages', () => {
    const doc = new Y.Doc();
    const step1 = frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep1(e, doc)));
    expect(decodeClientFrame(step1)).toMatchObject({ ok: true, message: { type: 'sync-step-1' } });
    const step2 = frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeSyncStep2(e, doc)));
    expect(decodeClientFrame(step2)).toMatchObject({ ok: true, message: { type: 'update' } });
    const update = edit();
    expect(
      decodeClientFrame(
        frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeUpdate(e, update))),
      ),
    ).toEqual({ ok: true, message: { type: 'update', update } });

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Ana' } });
    const awarenessFrame = frame(
      (e) => (
        encoding.writeVarUint(e, 1),
        encoding.writeVarUint8Array(
          e,
          awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
        )
      ),
    );
    expect(decodeClientFrame(awarenessFrame)).toMatchObject({
      ok: true,
      message: {
        type: 'awareness',
        entries: [{ clientId: doc.clientID, clock: 1, state: { user: { name: 'Ana' } } }],
      },
    });
    awareness.destroy();
    expect(decodeClientFrame(frame((e) => encoding.writeVarUint(e, 3)))).toEqual({
      ok: true,
      message: { type: 'query-awareness' },
    });
  });
});

describe('R13: refusing malformed frames with a reason', () => {
  const valid = frame((e) => (encoding.writeVarUint(e, 0), syncProtocol.writeUpdate(e, edit())));
  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty frame', new Uint8Array(0), /undecodable/],
    ['a truncated update', valid.slice(0, valid.length - 3), /undecodable/],
    ['trailing bytes', new Uint8Array([...valid, 0]), /trailing bytes/],
    [
      'an unknown message type',
      frame((e) => encoding.writeVarUint(e, 9)),
      /unknown message type 9/,
    ],
    [
      'an unknown sync type',
      frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, 7),
          encoding.writeVarUint8Array(e, new Uint8Array())
        ),
      ),
      /unknown sync message type 7/,
    ],
    [
      'an auth message',
      frame((e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 0))),
      /auth messages are not accepted/,
    ],
    [
      'garbage behind a valid update header',
      frame(
        (e) => (
          encoding.writeVarUint(e, 0),
          encoding.writeVarUint(e, 2),
          encoding.writeVarUint8Array(e, new Uint8Array([255, 255, 255, 255, 1, 2, 3]))
        ),
      ),
      /undecodable/,
    ],
    [
      'awareness whose state is not JSON',
      frame((e) => {
        encoding.writeVarUint(e, 1);
        const inner = encoding.createEncoder();
        encoding.writeVarUint(inner, 1);
        encoding.writeVarUint(inner, 42);
        encoding.writeVarUint(inner, 1);
        encoding.writeVarString(inner, '{not json');
        encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
      }),
      /undecodable/,
    ],
  ];
  test.each(cases)('%s', (_name, bytes, reason) => {
    const decoded = decodeClientFrame(bytes);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toMatch(reason);
  });
});

describe('what the relay sends', () => {
  test("a stock client applies our step 1, step 2 and updates and ends with the server's content", () => {
    const server = new Y.Doc();
    server.getText('t').insert(0, 'stored');
    const client = new Y.Doc();
    for (const message of [
      encodeSyncStep1(server),
      encodeSyncStep2(server, Y.encodeStateVector(client)),
      encodeSyncUpdate(edit()),
    ]) {
      const read = decoding.createDecoder(message);
      expect(decoding.readVarUint(read)).toBe(0);
      syncProtocol.readSyncMessage(read, encoding.createEncoder(), client, 'server');
    }
    expect(client.getText('t').toString()).toContain('stored');
    expect(client.getText('t').toString()).toContain('hello');
  });

  test.each([0, 1, 127, 128, 255, 16_383, 16_384, 2_097_151, 2_097_152])(
    'a %i-byte payload is framed byte for byte as lib0 frames it',
    (size) => {
      const payload = Uint8Array.from({ length: size }, (_, i) => (i * 31) & 0xff);
      const lib0 = (type: number, subtype: number | null) =>
        frame((encoder) => {
          encoding.writeVarUint(encoder, type);
          if (subtype !== null) encoding.writeVarUint(encoder, subtype);
          encoding.writeVarUint8Array(encoder, payload);
        });
      // Compared as Buffers: toEqual walks a 2 MB array element by element for a minute.
      const same = (ours: Uint8Array, theirs: Uint8Array) => Buffer.from(ours).equals(theirs);
      expect(same(encodeSyncUpdate(payload), lib0(0, 2))).toBe(true);
      expect(same(encodeSyncStep2FromUpdate(payload), lib0(0, 1))).toBe(true);
      expect(same(encodeAwarenessMessage(payload), lib0(1, null))).toBe(true);
    },
  );
});
