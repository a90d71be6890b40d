import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { binaryFrame, FramedSender } from '../../../sync-server/routes/framed-send.ts';

// ws's own framing, to compare with: what its `send` would put on the wire for a server.
const { Sender } = createRequire(import.meta.url)('ws') as {
  Sender: { frame(data: Buffer, options: object): Buffer[] };
};
const wsFrame = (payload: Uint8Array): Buffer =>
  Buffer.concat(
    Sender.frame(Buffer.from(payload), {
      fin: true,
      opcode: 2,
      mask: false,
      readOnly: false,
      rsv1: false,
    }),
  );

describe('binaryFrame', () => {
  // Each length-encoding boundary of RFC 6455 §5.2, on both sides.
  test.each([0, 1, 125, 126, 127, 65_535, 65_536, 200_000])(
    'a %i-byte payload is framed as ws frames it',
    (length) => {
      const payload = new Uint8Array(length);
      for (let i = 0; i < length; i++) payload[i] = (i * 31 + 7) & 0xff;
      expect(binaryFrame(payload).equals(wsFrame(payload))).toBe(true);
    },
  );

  test('a payload that is a view into a larger buffer is framed from its own bytes only', () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
    expect([...binaryFrame(backing.subarray(2, 5))]).toEqual([0x82, 3, 1, 2, 3]);
  });
});

describe('FramedSender on real sockets', () => {
  /** A ws server and client on loopback; returns the server's socket and what the client receives. */
  async function pair(perMessageDeflate: boolean) {
    const { WebSocketServer, WebSocket } = await import('ws');
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate });
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const accepted = new Promise<import('ws').WebSocket>((resolve) =>
      server.once('connection', resolve),
    );
    const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate });
    const received: Buffer[] = [];
    client.on('message', (data: Buffer) => received.push(data));
    await new Promise((resolve) => client.once('open', resolve));
    const raw = await accepted;
    let wsSends = 0;
    const send = raw.send.bind(raw);
    raw.send = ((...args: Parameters<typeof raw.send>) => {
      wsSends++;
      return send(...args);
    }) as typeof raw.send;
    const close = async () => {
      client.close();
      await new Promise((resolve) => server.close(resolve));
    };
    return { raw, received, wsSends: () => wsSends, close };
  }

  const payloads = [
    new Uint8Array([0, 2, 1, 42]),
    new Uint8Array(70_000).fill(7),
    new Uint8Array(300).fill(1),
  ];

  async function deliver(perMessageDeflate: boolean) {
    const sockets = await pair(perMessageDeflate);
    const send = new FramedSender().sendTo(sockets.raw);
    for (const payload of payloads) send(payload);
    for (let turn = 0; turn < 200 && sockets.received.length < payloads.length; turn++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await sockets.close();
    return sockets;
  }

  test('a plain socket gets whole frames written directly, and the client reads every payload intact and in order', async () => {
    const { received, wsSends } = await deliver(false);
    expect(received.map((data) => [...data])).toEqual(payloads.map((payload) => [...payload]));
    expect(wsSends()).toBe(0);
  });

  test('a compressed socket is left to ws, and still gets every payload', async () => {
    const { received, wsSends } = await deliver(true);
    expect(received.map((data) => [...data])).toEqual(payloads.map((payload) => [...payload]));
    expect(wsSends()).toBe(payloads.length);
  });
});
