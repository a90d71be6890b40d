import { docs, setupWSConnection } from '@y/websocket-server/utils';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { serveControl } from './control.ts';

/**
 * @y/websocket-server's standard server, as its bin (src/server.js) assembles it: an HTTP
 * server whose upgrades go to setupWSConnection, room = URL path. No YPERSISTENCE, so documents
 * live in memory only, and (its choice) stay there after the last client leaves.
 */
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('okay');
});
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

serveControl({
  port: (server.address() as AddressInfo).port,
  roomCount: () => docs.size,
  stop: async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
});
