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
  {
    // District sign-in (issue 18): accounts keyed on issuer + sub, sessions stored as hashes,
    // members (an invitation until its email first signs in), and the append-only audit log.
    version: 2,
    sql: `
      ALTER TABLE workspaces ADD COLUMN sign_in_required boolean NOT NULL DEFAULT false;
      CREATE TABLE accounts (
        id text PRIMARY KEY,
        issuer text NOT NULL,
        subject text NOT NULL,
        email text NOT NULL,
        name text NOT NULL,
        last_active_at text,
        UNIQUE (issuer, subject)
      );
      CREATE INDEX accounts_by_email ON accounts (email);
      CREATE TABLE sessions (
        hash text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts (id),
        expires_at text NOT NULL
      );
      CREATE TABLE members (
        id text PRIMARY KEY,
        workspace_id text NOT NULL REFERENCES workspaces (id),
        email text NOT NULL,
        account_id text REFERENCES accounts (id),
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        invited_at text NOT NULL,
        UNIQUE (workspace_id, email),
        UNIQUE (workspace_id, account_id)
      );
      CREATE INDEX members_by_account ON members (account_id);
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        workspace_id text,
        at text NOT NULL,
        actor_type text NOT NULL,
        actor_id text,
        actor_name text,
        action text NOT NULL,
        target text,
        outcome text NOT NULL,
        request_id text,
        detail text
      );
      CREATE INDEX audit_by_workspace ON audit_events (workspace_id, at COLLATE "C");
      -- Append-only: the log is evidence, so nothing, the server included, may rewrite it.
      -- A trigger (not a rule) so the attempt fails loudly instead of doing nothing; TRUNCATE too.
      CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
    `,
  },
  {
    // Deleted documents (S17): their ids stay known, so a stale client's socket is told the
    // document is gone instead of being refused like a wrong link.
    version: 3,
    sql: `
      CREATE TABLE deleted_documents (
        id text PRIMARY KEY,
        workspace_id text NOT NULL,
        deleted_at text NOT NULL
      );
    `,
  },
];
