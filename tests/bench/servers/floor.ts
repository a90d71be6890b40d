import * as decoding from 'lib0/decoding';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveControl } from './control.ts';
import { FloorStore } from './floor-store.ts';

/**
 * The floor: the least a y-websocket relay can do, no CRDT work at all. Each binary frame goes
 * to the other sockets of its room (room = URL path), with two exceptions:
 * - sync step 1 is answered with an empty sync step 2 (so stock clients report synced) and not
 *   relayed: relaying it would make every peer answer with its whole document;
 * - an awareness frame whose every (clientID, clock) the room has already seen is dropped.
 *   Stock clients re-send each awareness change they receive, so without this the room would
 *   echo presence forever. "Seen" is "clock not above the highest seen for that client".
 *
 * With BENCH_FLOOR_STORE=sqlite (the `floor-durable` diagnostic) each update is also applied to
 * a Y.Doc and stored before it is forwarded (floor-store.ts).
 */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/**
 * messageSync, syncStep2, then a varUint8Array holding the empty Yjs update: zero struct
 * groups and an empty delete set, the bytes [0, 0].
 */
const EMPTY_SYNC_STEP_2 = new Uint8Array([MESSAGE_SYNC, 1, 2, 0, 0]);

interface Room {
  readonly path: string;
  readonly sockets: Set<WebSocket>;
  /** Highest awareness clock seen per client id. */
  readonly awarenessClocks: Map<number, number>;
}
const rooms = new Map<string, Room>();
const store =
  process.env.BENCH_FLOOR_STORE === 'sqlite' ? new FloorStore(process.env.BENCH_DATA_DIR!) : null;

/** True when the frame carries at least one awareness entry the room has not seen yet. */
function isFreshAwareness(room: Room, decoder: decoding.Decoder): boolean {
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const count = decoding.readVarUint(update);
  let fresh = false;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(update);
    const clock = decoding.readVarUint(update);
    decoding.readVarString(update);
    const seen = room.awarenessClocks.get(clientId);
    if (seen === undefined || clock > seen) {
      room.awarenessClocks.set(clientId, clock);
      fresh = true;
    }
  }
  return fresh;
}

function onFrame(room: Room, from: WebSocket, frame: Uint8Array): void {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SYNC) {
    const step = decoding.readVarUint(decoder);
    if (step === SYNC_STEP_1) {
      from.send(EMPTY_SYNC_STEP_2);
      return;
    }
    if (store !== null && (step === SYNC_STEP_2 || step === SYNC_UPDATE))
      store.store(room.path, decoding.readVarUint8Array(decoder));
  }
  if (type === MESSAGE_AWARENESS && !isFreshAwareness(room, decoder)) return;
  for (const socket of room.sockets)
    if (socket !== from && socket.readyState === socket.OPEN) socket.send(frame);
}

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (socket: WebSocket, path: string) => {
  let room = rooms.get(path);
  if (room === undefined)
    rooms.set(path, (room = { path, sockets: new Set(), awarenessClocks: new Map() }));
  const joined = room;
  joined.sockets.add(socket);
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) return;
    try {
      onFrame(joined, socket, data);
    } catch {
      socket.close(4400, 'malformed message');
    }
  });
  socket.on('close', () => {
    joined.sockets.delete(socket);
    if (joined.sockets.size === 0 && rooms.get(path) === joined) {
      rooms.delete(path);
      store?.close(path);
    }
  });
});

const server = createServer((_request, response) => response.end('floor'));
server.on('upgrade', (request, socket, head) => {
  const path = (request.url ?? '/').split('?')[0]!;
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, path));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

serveControl({
  port: (server.address() as AddressInfo).port,
  roomCount: () => rooms.size,
  stop: async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
});
