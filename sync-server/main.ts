import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { readConfig } from './config.ts';

const config = readConfig(process.env);
const server = serve({ fetch: createApp().fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
  const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
  console.log(`Pathways is running at http://${host}:${info.port}/`);
});

// A process manager may send SIGTERM to the process and to its group: the second must be harmless.
let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  // Keep-alive connections would hold close() open; there is no state to flush yet.
  (server as { closeAllConnections?: () => void }).closeAllConnections?.();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
