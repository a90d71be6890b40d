import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs on stdout; `LOG_LEVEL=silent` in tests that start many servers. We log
 * errors under `error`, which pino does not serialise by default (an Error has no enumerable
 * fields and would print as `{}`), so it gets the same serializer as `err`: type, message,
 * stack and cause.
 */
export function createLogger(
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'pathways' },
    serializers: { error: pino.stdSerializers.errWithCause, err: pino.stdSerializers.errWithCause },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
