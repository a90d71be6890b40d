import type { ServerConfig } from '../config.ts';
import type { Logger } from '../observability/logger.ts';
import type { DocumentStore } from './document-store.ts';

/**
 * The store the configuration asks for: PostgreSQL when `DATABASE_URL` is set (migrated on open),
 * else the SQLite file in `DATA_DIR`, the default. Each store's driver loads only when chosen.
 */
export async function openStore(config: ServerConfig, logger: Logger): Promise<DocumentStore> {
  if (config.databaseUrl === undefined)
    return (await import('./sqlite-store.ts')).SqliteDocumentStore.open(
      config.dataDir,
      config.sqliteSynchronous,
    );
  const { PostgresDocumentStore } = await import('./postgres-store.ts');
  return PostgresDocumentStore.open(config.databaseUrl, {
    onConnectionError: (error) =>
      logger.warn({ error }, 'a PostgreSQL connection failed; it will be replaced'),
  });
}
