import type { Logger } from './logger.ts';

/**
 * Keeps one failure from taking every room down. The relay catches what it expects at each
 * socket and room boundary; anything that still escapes to the event loop (a bug, a library
 * throwing in a timer) is logged with its stack and the process goes on serving, because
 * exiting would drop every other session in the district to save one.
 */
export function guardProcess(logger: Logger): void {
  process.on('uncaughtException', (error, origin) => {
    logger.error({ error, origin }, 'uncaught exception; still serving');
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ error: reason }, 'unhandled promise rejection; still serving');
  });
}
