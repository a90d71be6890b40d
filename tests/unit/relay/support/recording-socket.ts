import type { RelaySocket } from '../../../../sync-server/relay/connection.ts';

/** A socket that keeps every frame the relay sends it and the codes it was closed with; open until closed. */
export function recordingSocket(): {
  readonly raw: RelaySocket;
  readonly frames: Uint8Array[];
  readonly closed: number[];
} {
  const frames: Uint8Array[] = [];
  const closed: number[] = [];
  const raw: RelaySocket = {
    send: (frame) => frames.push(frame),
    close: (code) => closed.push(code),
    pause: () => {},
    resume: () => {},
    get isOpen() {
      return closed.length === 0;
    },
  };
  return { raw, frames, closed };
}
