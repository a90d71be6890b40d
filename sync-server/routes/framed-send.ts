import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * The relay sends one update to every socket of a room. `ws` frames it again for each socket and
 * writes header and payload as two buffers (cork, two writes, uncork: a `writev`); here the frame
 * is built once, on the first socket, and written whole to every socket with one `write`. The
 * writes to sockets are most of the relay's CPU under load (figures: tests/bench/README.md,
 * "Relay settings"), so their cost per socket is what counts.
 *
 * This reaches past `ws`'s public interface, so it only does so when `ws` is in the state where
 * its own `send` would write the frame straight away (no compression, nothing queued); otherwise,
 * or if those internals ever change shape, it uses `send`.
 */
export class FramedSender {
  private lastPayload: Uint8Array | null = null;
  private lastFrame: Buffer | null = null;

  /** The send function for one socket. */
  sendTo(raw: WebSocket): (payload: Uint8Array) => void {
    const internals = raw as unknown as {
      _socket?: Socket;
      _sender?: { _state?: unknown; _queue?: unknown[] };
      _extensions?: Record<string, unknown>;
    };
    // Extensions (compression) are settled by the handshake, before the socket reaches us.
    const plain =
      typeof internals._socket?.write === 'function' &&
      internals._extensions !== undefined &&
      Object.keys(internals._extensions).length === 0;
    return (payload) => {
      if (plain && internals._sender?._state === 0 && internals._sender._queue?.length === 0)
        internals._socket!.write(this.frame(payload));
      else raw.send(payload);
    };
  }

  /** Reused while the payload is the same array (the relay never changes one it has sent). */
  private frame(payload: Uint8Array): Buffer {
    if (payload !== this.lastPayload) {
      this.lastPayload = payload;
      this.lastFrame = binaryFrame(payload);
    }
    return this.lastFrame!;
  }
}

/** RFC 6455 §5.2: a final, unmasked binary frame (what a server sends), header and payload in one buffer. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x82; // FIN, opcode 2 (binary)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(payload, headerLength);
  return frame;
}
