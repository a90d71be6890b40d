import { ensureClientBuilt } from './client-build.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { createLogger } from './observability/logger.ts';
import { guardProcess } from './observability/process-guard.ts';
import { startServer, type RunningServer } from './server.ts';

const logger = createLogger();
let config: ServerConfig;
try {
  config = readConfig(process.env);
} catch (error) {
  // A setting a person got wrong: one line saying which and why, not a stack trace.
  console.error(`Pathways cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

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

try {
  ensureClientBuilt((message) => console.log(message));
} catch (error) {
  console.error(`Pathways cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
starting = startServer(config, { logger });
let server: RunningServer;
try {
  server = await starting;
} catch (error) {
  // Nothing is served yet (a port in use, an unreachable database): say why and exit non-zero.
  console.error(`Pathways cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
// Only once serving: from here on one stray failure must not stop every room with it.
guardProcess(logger);
console.log(`Pathways is running at ${server.url}`);
