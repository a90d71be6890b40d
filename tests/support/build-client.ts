import { ensureClientBuilt } from '../../sync-server/client-build.ts';

/** Vitest global setup: the browser tests need the built client, as `npm start` would build it. */
export default function setup(): void {
  ensureClientBuilt((message) => console.log(message));
}
