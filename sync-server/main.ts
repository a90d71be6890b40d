import { ensureClientBuilt } from './client-build.ts';
import { readConfig } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { guardProcess } from './observability/process-guard.ts';
import { startServer, type RunningServer } from './server.ts';

const logger = createLogger();
guardProcess(logger);
const config = readConfig(process.env);

// Signal handlers first: a process manager may signal as soon as it sees the URL, and a SIGTERM
// arriving before a handler exists would kill the process without flushing.
let starting: Promise<RunningServer> | null = null;
let exiting = false;
async function shutdown(signal: string): Promise<void> {
  // It may come twice, to the process and to its group: the second is harmless.
  if (exiting) return;
  exiting = true;
  logger.info({ signal }, 'shutting down');
  try {
    const server = await starting;
    await server?.stop();
    process.exit(0);
  } catch (error) {
    logger.error({ error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

ensureClientBuilt((message) => console.log(message));
starting = startServer(config, { logger });
const server = await starting;
console.log(`Pathways is running at ${server.url}`);
