import { ensureClientBuilt } from './client-build.ts';
import { readConfig } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { startServer } from './server.ts';

const logger = createLogger();
const config = readConfig(process.env);
ensureClientBuilt((message) => console.log(message));
const server = await startServer(config, { logger });
console.log(`Pathways is running at ${server.url}`);

// A process manager may send SIGTERM to the process and to its group: the second must be harmless.
let exiting = false;
async function shutdown(signal: string): Promise<void> {
  if (exiting) return;
  exiting = true;
  logger.info({ signal }, 'shutting down');
  try {
    await server.stop();
    process.exit(0);
  } catch (error) {
    logger.error({ error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
