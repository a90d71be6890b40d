/** Server settings from the environment, checked once at start so a typo fails loudly. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
}

export function readConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);
  }
  return { port, host: env.HOST ?? '127.0.0.1', dataDir: env.DATA_DIR ?? './data' };
}
