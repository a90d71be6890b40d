import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 right now, for a server that cannot be told to pick its own
 * (PostgreSQL, Redis). Another process could take it before ours binds; the callers retry once.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
