/**
 * Storage moves bytes and records; policy (when to compact, what makes a version, persisting
 * before fan-out) lives in the relay's persistence layer above it. Every method is async so an
 * engine on the network (PostgreSQL) fits behind the same interface as the embedded SQLite one.
 *
 * Rules every store follows (the contract suite in tests/integration/storage cites them):
 * S1. `appendUpdates` is durable when its promise resolves, and returns each document's last
 *     sequence number. Its appends, across documents, are one transaction: all stored or none.
 * S2. `loadDocument` returns the snapshot and every update appended after it, in append order.
 * S3. `compact` replaces the snapshot and deletes updates up to `throughSeq` in one transaction:
 *     a crash leaves either the old snapshot with its log or the new snapshot with the rest.
 * S4. Updates appended after `throughSeq` survive a compaction.
 * S5. Versions are listed newest first and read back byte for byte.
 * S6. Only token hashes are stored; `findAccess` maps a hash to its workspace and role.
 * S7. Replacing a role's token makes the old hash find nothing, at once.
 * S8. Unknown ids read as null or empty, never as an exception.
 * S9. A document has at most one survey token, stored as a hash apart from the role tokens:
 *     `findAccess` never finds it and `findSurveyDocument` finds only it. Replacing or revoking
 *     it makes the old hash find nothing, at once.
 * S10. `probeHealth` answers ok while the store keeps what it is given, and a reason when it
 *      cannot (the SQLite file deleted or replaced, writes failing); it never throws and changes
 *      nothing a reader sees.
 * S11. Join links are stored as hashes apart from the role tokens (`findAccess` never finds
 *     one). `findJoinLink` returns what `addJoinLinks` stored for a hash, expired or not (the
 *     access layer decides what has expired); `revokeJoinLinks` makes every hash of that
 *     document find nothing, at once.
 */
export type Role = 'owner' | 'editor' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];

export interface WorkspaceRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface DocumentRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly title: string;
  readonly template: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface VersionRecord {
  readonly id: string;
  readonly documentId: string;
  readonly label: string;
  /** True for the version saved automatically when a session ends. */
  readonly auto: boolean;
  readonly createdAt: string;
}

export interface StoredDocument {
  readonly snapshot: Uint8Array | null;
  readonly updates: readonly Uint8Array[];
  /** Sequence number of the last update (0 when there is none); pass it to `compact`. */
  readonly lastSeq: number;
}

/** Updates to add to one document's log, as part of a multi-document append. */
export interface DocumentAppend {
  readonly documentId: string;
  readonly updates: readonly Uint8Array[];
}

export interface Access {
  readonly workspaceId: string;
  readonly role: Role;
  /** Set when the token opens this one document only: a join link shown on the projector. */
  readonly documentId?: string;
}

/**
 * One hash of a document's join link: `token` opens the document as an editor (`/d/:doc?token=`),
 * `code` is the short number people type (`/j/482913`), which the server exchanges for a token.
 */
export interface JoinLinkRecord {
  readonly hash: string;
  readonly documentId: string;
  readonly kind: 'token' | 'code';
  /** ISO 8601; the link works until then. */
  readonly expiresAt: string;
}

export interface DocumentStore {
  createWorkspace(workspace: WorkspaceRecord, tokenHashes: Readonly<Record<Role, string>>): Promise<void>;
  getWorkspace(id: string): Promise<WorkspaceRecord | null>;
  findAccess(tokenHash: string): Promise<Access | null>;
  replaceToken(workspaceId: string, role: Role, tokenHash: string): Promise<void>;

  createDocument(record: DocumentRecord, initialState: Uint8Array): Promise<void>;
  getDocument(id: string): Promise<DocumentRecord | null>;
  listDocuments(workspaceId: string): Promise<DocumentRecord[]>;
  updateDocumentSummary(id: string, summary: { readonly title: string; readonly updatedAt: string }): Promise<void>;

  loadDocument(id: string): Promise<StoredDocument>;
  /**
   * Appends to several documents' logs at once (the relay gathers every busy room of a tick into
   * one call, so one commit covers them all). Returns the last sequence number of each append,
   * in order. A document may appear more than once; its appends are applied in order.
   */
  appendUpdates(appends: readonly DocumentAppend[]): Promise<number[]>;
  compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Bytes held for the document's content (snapshot plus log), for metrics and benchmarks. */
  storedBytes(id: string): Promise<number>;

  /** Sets the document's survey-only token (a hash), replacing any earlier one; null revokes it. */
  replaceSurveyToken(documentId: string, tokenHash: string | null): Promise<void>;
  /** The document a survey token answers, or null. */
  findSurveyDocument(tokenHash: string): Promise<string | null>;
  hasSurveyToken(documentId: string): Promise<boolean>;

  /** Stores join-link hashes (a token, a code, or both at once). */
  addJoinLinks(records: readonly JoinLinkRecord[]): Promise<void>;
  findJoinLink(hash: string): Promise<JoinLinkRecord | null>;
  /** Forgets every join-link hash of the document, expired or not. */
  revokeJoinLinks(documentId: string): Promise<void>;

  saveVersion(record: VersionRecord, state: Uint8Array): Promise<void>;
  listVersions(documentId: string): Promise<VersionRecord[]>;
  readVersion(documentId: string, versionId: string): Promise<Uint8Array | null>;

  /**
   * Checks that what the store confirms is still kept: the database is the one it opened and a
   * small write goes through. Never throws; a failure comes back as a reason a person can act on.
   */
  probeHealth(): Promise<StorageHealth>;

  close(): Promise<void>;
}

export type StorageHealth = { readonly ok: true } | { readonly ok: false; readonly reason: string };
