/**
 * Storage moves bytes and records; policy (when to compact, what makes a version, persisting
 * before fan-out) lives in the relay's persistence layer above it. Every method is async so an
 * engine on the network (PostgreSQL) fits behind the same interface as the embedded SQLite one.
 *
 * Every store follows the storage rules S1–S13 in `sync-server/relay/SPEC.md`, checked by the one
 * contract suite in tests/integration/storage/store-contract.test.ts.
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

  saveVersion(record: VersionRecord, state: Uint8Array): Promise<void>;
  listVersions(documentId: string): Promise<VersionRecord[]>;
  readVersion(documentId: string, versionId: string): Promise<Uint8Array | null>;

  close(): Promise<void>;
}
