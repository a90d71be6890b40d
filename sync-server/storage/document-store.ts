/**
 * Storage moves bytes and records; policy (when to compact, what makes a version, persisting
 * before fan-out) lives in the relay's persistence layer above it. Every method is async so an
 * engine on the network (PostgreSQL) fits behind the same interface as the embedded SQLite one.
 *
 * Every store follows the storage rules S1–S17 in `sync-server/relay/SPEC.md`, checked by the one
 * contract suite in tests/integration/storage/store-contract.test.ts.
 */
import type { AuditEntry, IdentityStore } from './identity-records.ts';

export type Role = 'owner' | 'editor' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];

export interface WorkspaceRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  /** When true, the workspace's share links work only for signed-in people (issue 18). */
  readonly signInRequired?: boolean;
}

/** A signed-in person creating a workspace becomes its first member, as owner. */
export interface WorkspaceOwner {
  readonly memberId: string;
  readonly accountId: string;
  readonly email: string;
}

export interface DocumentRecord {
  readonly id: string;
  readonly workspaceId: string;
  readonly title: string;
  readonly template: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What is kept of a deleted document: enough to tell a stale client it is gone, nothing of its content. */
export interface DeletedDocument {
  readonly id: string;
  readonly workspaceId: string;
  readonly deletedAt: string;
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
  /**
   * The document's last sequence number (0 before its first update), which a compaction does not
   * reset (S12): `snapshot` plus `updates` hold every update through it. Pass it to `compact`.
   */
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
  /** Set when a signed-in person holds this access: removing them from the workspace closes their sockets. */
  readonly accountId?: string;
  /** The account's name, with `accountId`: what its presence and its audit events show. */
  readonly accountName?: string;
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

/** An append (or server change) reached storage after its document was deleted (S18). */
export class DocumentDeletedError extends Error {
  constructor(readonly documentId: string) {
    super(`document ${documentId} was deleted`);
    this.name = 'DocumentDeletedError';
  }
}

/**
 * Methods that change something take an optional `audit` entry, written in the same transaction as
 * the change it records, so the log never claims a change that was not made, nor misses one.
 */
export interface DocumentStore extends IdentityStore {
  createWorkspace(
    workspace: WorkspaceRecord,
    tokenHashes: Readonly<Record<Role, string>>,
    audit?: AuditEntry,
    owner?: WorkspaceOwner,
  ): Promise<void>;
  getWorkspace(id: string): Promise<WorkspaceRecord | null>;
  findAccess(tokenHash: string): Promise<Access | null>;
  replaceToken(
    workspaceId: string,
    role: Role,
    tokenHash: string,
    audit?: AuditEntry,
  ): Promise<void>;

  createDocument(
    record: DocumentRecord,
    initialState: Uint8Array,
    audit?: AuditEntry,
  ): Promise<void>;
  getDocument(id: string): Promise<DocumentRecord | null>;
  listDocuments(workspaceId: string): Promise<DocumentRecord[]>;
  updateDocumentSummary(
    id: string,
    summary: { readonly title: string; readonly updatedAt: string },
  ): Promise<void>;

  /**
   * Deletes the document with everything stored for it (its log, snapshot, versions, survey and
   * join links) and keeps a record that it was deleted (S17), with `audit`, in one transaction.
   * Resolves false, changing nothing, when there is no such document.
   */
  deleteDocument(id: string, deletedAt: string, audit?: AuditEntry): Promise<boolean>;
  /** The workspace a deleted document belonged to, and when it was deleted; null for any other id. */
  findDeletedDocument(id: string): Promise<DeletedDocument | null>;

  loadDocument(id: string): Promise<StoredDocument>;
  /**
   * Appends to several documents' logs at once (the relay gathers every busy room of a tick into
   * one call, so one commit covers them all). Returns the last sequence number of each append,
   * in order. A document may appear more than once; its appends are applied in order. An append
   * to a deleted document stores nothing and returns null in its place, while the others are
   * stored (S18): another node may still be appending to a document just deleted.
   */
  appendUpdates(appends: readonly DocumentAppend[]): Promise<(number | null)[]>;
  /**
   * What a reader holding every update through `afterSeq` lacks (S14): the updates after it, in
   * order, and the snapshot too (else null) when a compaction has folded some of them into it.
   * For a node that learns of a newer sequence number than it holds (S12 makes a gap visible).
   */
  readUpdatesAfter(id: string, afterSeq: number): Promise<StoredDocument>;
  /**
   * Replaces the snapshot with `snapshot`, which holds every update through `throughSeq`, and
   * deletes those updates (S3). A stored snapshot through a later sequence number stays (S13).
   */
  compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void>;
  /** Bytes held for the document's content (snapshot plus log), for metrics and benchmarks. */
  storedBytes(id: string): Promise<number>;

  /** Sets the document's survey-only token (a hash), replacing any earlier one; null revokes it. */
  replaceSurveyToken(
    documentId: string,
    tokenHash: string | null,
    audit?: AuditEntry,
  ): Promise<void>;
  /** The document a survey token answers, or null. */
  findSurveyDocument(tokenHash: string): Promise<string | null>;
  hasSurveyToken(documentId: string): Promise<boolean>;

  /** Stores join-link hashes (a token, a code, or both at once). */
  addJoinLinks(records: readonly JoinLinkRecord[]): Promise<void>;
  findJoinLink(hash: string): Promise<JoinLinkRecord | null>;
  /** Forgets every join-link hash of the document, expired or not. */
  revokeJoinLinks(documentId: string): Promise<void>;

  /** Stores a version; one whose id is stored already changes nothing (S16), so a save can be repeated. */
  saveVersion(
    record: VersionRecord,
    state: Uint8Array,
    audit?: readonly AuditEntry[],
  ): Promise<void>;
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
