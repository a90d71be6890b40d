import type { ServerConfig } from '../config.ts';
import type { Logger } from '../observability/logger.ts';
import type { DocumentStore } from './document-store.ts';
import { PostgresDocumentStore } from './postgres-store.ts';
import { SqliteDocumentStore } from './sqlite-store.ts';

/**
 * The store the configuration asks for: PostgreSQL when `DATABASE_URL` is set (migrated on open),
 * else the SQLite file in `DATA_DIR`, the default.
 */
export async function openStore(config: ServerConfig, logger: Logger): Promise<DocumentStore> {
  if (config.databaseUrl === undefined) return SqliteDocumentStore.open(config.dataDir, config.sqliteSynchronous);
  return PostgresDocumentStore.open(config.databaseUrl, {
    onConnectionError: (error) => logger.warn({ error }, 'a PostgreSQL connection failed; it will be replaced'),
  });
}
