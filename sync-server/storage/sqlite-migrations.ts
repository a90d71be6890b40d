/**
 * The SQLite schema, as numbered forward-only steps. A database records the last step it ran
 * in `schema_version`; opening it runs the steps after that, each in its own transaction.
 * Never edit a step that has shipped: add the next one.
 */
export const SQLITE_MIGRATIONS: readonly { readonly version: number; readonly sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE workspaces (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE tokens (
        hash TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        UNIQUE (workspace_id, role)
      );
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        title TEXT NOT NULL,
        template TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        snapshot BLOB
      );
      CREATE INDEX documents_by_workspace ON documents (workspace_id);
      CREATE TABLE updates (
        document_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (document_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE versions (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id),
        label TEXT NOT NULL,
        auto INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        state BLOB NOT NULL
      );
      CREATE INDEX versions_by_document ON versions (document_id, created_at);
    `,
  },
  {
    // Survey-only links: one per document, apart from the role tokens so they can open nothing else.
    version: 2,
    sql: `
      CREATE TABLE survey_tokens (
        document_id TEXT PRIMARY KEY REFERENCES documents(id),
        hash TEXT NOT NULL UNIQUE
      );
    `,
  },
  {
    // One row rewritten by probeHealth: a write that fails tells the server to stop confirming.
    version: 3,
    sql: `
      CREATE TABLE health_probe (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        checked_at TEXT NOT NULL
      );
    `,
  },
  {
    // Join links: per-document editor tokens and short codes, each stored as a hash, expiring.
    version: 4,
    sql: `
      CREATE TABLE join_links (
        hash TEXT PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id),
        kind TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX join_links_by_document ON join_links (document_id);
    `,
  },
  {
    // The sequence number a snapshot holds every update through: an older compaction never
    // replaces a newer snapshot (S13), and numbering goes on after the log is emptied (S12).
    version: 5,
    sql: `
      ALTER TABLE documents ADD COLUMN snapshot_seq INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    // District sign-in (issue 18): accounts keyed on issuer + sub, sessions stored as hashes,
    // members (an invitation until its email first signs in), and the append-only audit log.
    version: 6,
    sql: `
      ALTER TABLE workspaces ADD COLUMN sign_in_required INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        issuer TEXT NOT NULL,
        subject TEXT NOT NULL,
        email TEXT NOT NULL,
        name TEXT NOT NULL,
        last_active_at TEXT,
        UNIQUE (issuer, subject)
      );
      CREATE INDEX accounts_by_email ON accounts (email);
      CREATE TABLE sessions (
        hash TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        expires_at TEXT NOT NULL
      );
      CREATE TABLE members (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL REFERENCES workspaces(id),
        email TEXT NOT NULL,
        account_id TEXT REFERENCES accounts(id),
        role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        invited_at TEXT NOT NULL,
        UNIQUE (workspace_id, email),
        UNIQUE (workspace_id, account_id)
      );
      CREATE INDEX members_by_account ON members (account_id);
      CREATE TABLE audit_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        workspace_id TEXT,
        at TEXT NOT NULL,
        actor_type TEXT NOT NULL,
        actor_id TEXT,
        actor_name TEXT,
        action TEXT NOT NULL,
        target TEXT,
        outcome TEXT NOT NULL,
        request_id TEXT,
        detail TEXT
      );
      CREATE INDEX audit_by_workspace ON audit_events (workspace_id, at);
      -- Append-only: the log is evidence, so nothing, the server included, may rewrite it.
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    // Deleted documents (S17): their ids stay known, so a stale client's socket is told the
    // document is gone instead of being refused like a wrong link.
    version: 7,
    sql: `
      CREATE TABLE deleted_documents (
        id TEXT PRIMARY KEY,
        workspace_id TEXT NOT NULL,
        deleted_at TEXT NOT NULL
      );
    `,
  },
];
