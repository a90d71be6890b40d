import { Server } from '@hocuspocus/server';
import { serveControl } from './control.ts';

/**
 * @hocuspocus/server with no extensions: documents in memory, unloaded when their last
 * connection closes. Its own listen() passes `address` where Node expects `host` (so it would
 * bind every interface); we listen on the loopback address ourselves instead.
 */
const server = new Server({ quiet: true, stopOnSignals: false });
await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));

serveControl({
  port: server.address.port,
  roomCount: () => server.hocuspocus.getDocumentsCount(),
  stop: () => server.destroy(),
});
