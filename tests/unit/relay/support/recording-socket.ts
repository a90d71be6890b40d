import type { RelaySocket } from '../../../../sync-server/relay/connection.ts';

/** A socket that stays open and keeps every frame the relay sends it. */
export function recordingSocket(): { readonly raw: RelaySocket; readonly frames: Uint8Array[] } {
  const frames: Uint8Array[] = [];
  const raw: RelaySocket = {
    send: (frame) => frames.push(frame),
    close: () => {},
    pause: () => {},
    resume: () => {},
    isOpen: true,
  };
  return { raw, frames };
}
