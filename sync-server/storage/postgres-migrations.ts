/**
 * The PostgreSQL schema, as numbered forward-only steps, like SQLITE_MIGRATIONS. A database
 * records the steps it ran in `schema_version`; opening it runs the later ones, all in one
 * transaction under an advisory lock, so two nodes starting at once migrate it once (S15).
 * Never edit a step that has shipped: add the next one.
 *
 * Times stay ISO-8601 text, as in SQLite: the store moves records and gives back exactly what it
 * was given, and ISO strings sort as times under the "C" collation the queries ask for.
 */
export const POSTGRES_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE workspaces (
        id text PRIMARY KEY,
        name text NOT NULL,
        created_at text NOT NULL
      );
      CREATE TABLE tokens (
        hash text PRIMARY KEY,
        workspace_id text NOT NULL REFERENCES workspaces (id),
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        UNIQUE (workspace_id, role)
      );
      CREATE TABLE documents (
        id text PRIMARY KEY,
        workspace_id text NOT NULL REFERENCES workspaces (id),
        title text NOT NULL,
        template text,
        created_at text NOT NULL,
        updated_at text NOT NULL,
        snapshot bytea,
        -- The snapshot holds every update through snapshot_seq (S13).
        snapshot_seq bigint NOT NULL DEFAULT 0,
        -- The last sequence number given; appends lock this row, so numbers follow commit order (S12).
        last_seq bigint NOT NULL DEFAULT 0
      );
      CREATE INDEX documents_by_workspace ON documents (workspace_id);
      CREATE TABLE updates (
        document_id text NOT NULL REFERENCES documents (id),
        seq bigint NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (document_id, seq)
      );
      CREATE TABLE versions (
        position bigserial,
        id text PRIMARY KEY,
        document_id text NOT NULL REFERENCES documents (id),
        label text NOT NULL,
        auto boolean NOT NULL,
        created_at text NOT NULL,
        state bytea NOT NULL
      );
      CREATE INDEX versions_by_document ON versions (document_id, created_at);
      CREATE TABLE survey_tokens (
        document_id text PRIMARY KEY REFERENCES documents (id),
        hash text NOT NULL UNIQUE
      );
      -- One row rewritten by probeHealth: a write that fails tells the node to stop confirming.
      CREATE TABLE health_probe (
        id integer PRIMARY KEY CHECK (id = 1),
        checked_at text NOT NULL
      );
      INSERT INTO health_probe (id, checked_at) VALUES (1, '');
      -- Join links: per-document editor tokens and short codes, each stored as a hash, expiring (S11).
      CREATE TABLE join_links (
        hash text PRIMARY KEY,
        document_id text NOT NULL REFERENCES documents (id),
        kind text NOT NULL CHECK (kind IN ('token', 'code')),
        expires_at text NOT NULL
      );
      CREATE INDEX join_links_by_document ON join_links (document_id);
    `,
  },
];
