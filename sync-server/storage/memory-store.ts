import type {
  Access,
  DeletedDocument,
  DocumentAppend,
  DocumentRecord,
  DocumentStore,
  JoinLinkRecord,
  Role,
  StorageHealth,
  StoredDocument,
  VersionRecord,
  WorkspaceOwner,
  WorkspaceRecord,
} from './document-store.ts';
import type { AuditEntry } from './identity-records.ts';
import { MemoryIdentity } from './memory-identity.ts';
import { IdentityDelegation } from './identity-delegation.ts';

interface DocumentContent {
  snapshot: Uint8Array | null;
  /** The sequence number the snapshot holds every update through. */
  snapshotSeq: number;
  updates: { seq: number; data: Uint8Array }[];
  lastSeq: number;
}

/** A store in memory, for fast tests and the benchmark's "relay without disk" comparison. */
export class MemoryDocumentStore extends IdentityDelegation implements DocumentStore {
  private readonly workspaces = new Map<string, WorkspaceRecord>();
  private readonly tokens = new Map<string, Access>();
  private readonly documents = new Map<string, DocumentRecord>();
  private readonly contents = new Map<string, DocumentContent>();
  /** Survey token hash → document id. */
  private readonly surveyTokens = new Map<string, string>();
  private readonly joinLinks = new Map<string, JoinLinkRecord>();
  private readonly versions = new Map<string, { record: VersionRecord; state: Uint8Array }[]>();
  private readonly deleted = new Map<string, DeletedDocument>();
  /** Accounts, sessions, members and the audit log; its methods are this store's too. */
  protected readonly people = new MemoryIdentity((id) => this.workspaces.get(id)?.name ?? null);

  async createWorkspace(
    workspace: WorkspaceRecord,
    tokenHashes: Readonly<Record<Role, string>>,
    audit?: AuditEntry,
    owner?: WorkspaceOwner,
  ): Promise<void> {
    this.workspaces.set(workspace.id, { ...workspace, signInRequired: false });
    for (const [role, hash] of Object.entries(tokenHashes))
      this.tokens.set(hash, { workspaceId: workspace.id, role: role as Role });
    if (owner !== undefined)
      this.people.addOwner({
        id: owner.memberId,
        workspaceId: workspace.id,
        email: owner.email,
        accountId: owner.accountId,
        role: 'owner',
        invitedAt: workspace.createdAt,
      });
    this.people.writeAudit(audit);
  }

  async getWorkspace(id: string): Promise<WorkspaceRecord | null> {
    return this.workspaces.get(id) ?? null;
  }

  async findAccess(tokenHash: string): Promise<Access | null> {
    return this.tokens.get(tokenHash) ?? null;
  }

  async replaceToken(
    workspaceId: string,
    role: Role,
    tokenHash: string,
    audit?: AuditEntry,
  ): Promise<void> {
    for (const [hash, access] of this.tokens)
      if (access.workspaceId === workspaceId && access.role === role) this.tokens.delete(hash);
    this.tokens.set(tokenHash, { workspaceId, role });
    this.people.writeAudit(audit);
  }

  async createDocument(
    record: DocumentRecord,
    initialState: Uint8Array,
    audit?: AuditEntry,
  ): Promise<void> {
    if (this.documents.has(record.id)) throw new Error(`document ${record.id} already exists`);
    this.documents.set(record.id, record);
    this.contents.set(record.id, {
      snapshot: initialState.slice(),
      snapshotSeq: 0,
      updates: [],
      lastSeq: 0,
    });
    this.people.writeAudit(audit);
  }

  async deleteDocument(id: string, deletedAt: string, audit?: AuditEntry): Promise<boolean> {
    const document = this.documents.get(id);
    if (document === undefined) return false;
    this.documents.delete(id);
    this.contents.delete(id);
    this.versions.delete(id);
    for (const [hash, documentId] of this.surveyTokens)
      if (documentId === id) this.surveyTokens.delete(hash);
    for (const [hash, link] of this.joinLinks)
      if (link.documentId === id) this.joinLinks.delete(hash);
    this.deleted.set(id, { id, workspaceId: document.workspaceId, deletedAt });
    this.people.writeAudit(audit);
    return true;
  }

  async findDeletedDocument(id: string): Promise<DeletedDocument | null> {
    return this.deleted.get(id) ?? null;
  }

  async getDocument(id: string): Promise<DocumentRecord | null> {
    return this.documents.get(id) ?? null;
  }

  async listDocuments(workspaceId: string): Promise<DocumentRecord[]> {
    return [...this.documents.values()]
      .filter((record) => record.workspaceId === workspaceId)
      .sort((a, b) =>
        a.updatedAt === b.updatedAt ? a.id.localeCompare(b.id) : a.updatedAt < b.updatedAt ? 1 : -1,
      );
  }

  async updateDocumentSummary(
    id: string,
    summary: { readonly title: string; readonly updatedAt: string },
  ): Promise<void> {
    const record = this.documents.get(id);
    if (record !== undefined) this.documents.set(id, { ...record, ...summary });
  }

  private content(id: string): DocumentContent {
    let content = this.contents.get(id);
    if (content === undefined)
      this.contents.set(
        id,
        (content = { snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 }),
      );
    return content;
  }

  async loadDocument(id: string): Promise<StoredDocument> {
    const content = this.contents.get(id);
    if (content === undefined) return { snapshot: null, updates: [], lastSeq: 0 };
    return {
      snapshot: content.snapshot,
      updates: content.updates.map((update) => update.data),
      lastSeq: content.lastSeq,
    };
  }

  async readUpdatesAfter(id: string, afterSeq: number): Promise<StoredDocument> {
    const content = this.contents.get(id);
    if (content === undefined) return { snapshot: null, updates: [], lastSeq: 0 };
    const updates = content.updates
      .filter((update) => update.seq > afterSeq)
      .map((update) => update.data);
    return {
      snapshot: content.snapshotSeq > afterSeq ? content.snapshot : null,
      updates,
      lastSeq: content.lastSeq,
    };
  }

  async appendUpdates(appends: readonly DocumentAppend[]): Promise<(number | null)[]> {
    // Nothing here can fail halfway, so all-or-nothing holds without a transaction.
    return appends.map(({ documentId, updates }) => {
      if (this.deleted.has(documentId)) return null; // S18
      const content = this.content(documentId);
      // Copies: the caller may reuse its buffers, and a store must keep what it was given.
      for (const update of updates)
        content.updates.push({ seq: ++content.lastSeq, data: update.slice() });
      return content.lastSeq;
    });
  }

  async compact(id: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const content = this.content(id);
    if (throughSeq > content.snapshotSeq) {
      content.snapshot = snapshot.slice();
      content.snapshotSeq = throughSeq;
    }
    content.updates = content.updates.filter((update) => update.seq > throughSeq);
  }

  async storedBytes(id: string): Promise<number> {
    const content = this.contents.get(id);
    if (content === undefined) return 0;
    return (
      (content.snapshot?.byteLength ?? 0) +
      content.updates.reduce((sum, update) => sum + update.data.byteLength, 0)
    );
  }

  async replaceSurveyToken(
    documentId: string,
    tokenHash: string | null,
    audit?: AuditEntry,
  ): Promise<void> {
    for (const [hash, id] of this.surveyTokens)
      if (id === documentId) this.surveyTokens.delete(hash);
    if (tokenHash !== null) this.surveyTokens.set(tokenHash, documentId);
    this.people.writeAudit(audit);
  }

  async findSurveyDocument(tokenHash: string): Promise<string | null> {
    return this.surveyTokens.get(tokenHash) ?? null;
  }

  async hasSurveyToken(documentId: string): Promise<boolean> {
    for (const id of this.surveyTokens.values()) if (id === documentId) return true;
    return false;
  }

  async addJoinLinks(records: readonly JoinLinkRecord[]): Promise<void> {
    if (records.some((record) => this.joinLinks.has(record.hash)))
      throw new Error('join link hash already stored');
    for (const record of records) this.joinLinks.set(record.hash, { ...record });
  }

  async findJoinLink(hash: string): Promise<JoinLinkRecord | null> {
    return this.joinLinks.get(hash) ?? null;
  }

  async revokeJoinLinks(documentId: string): Promise<void> {
    for (const [hash, record] of this.joinLinks)
      if (record.documentId === documentId) this.joinLinks.delete(hash);
  }

  async saveVersion(
    record: VersionRecord,
    state: Uint8Array,
    audit?: readonly AuditEntry[],
  ): Promise<void> {
    const list = this.versions.get(record.documentId) ?? [];
    // S16: an id already stored keeps its version.
    for (const versions of this.versions.values())
      if (versions.some((entry) => entry.record.id === record.id)) return;
    list.push({ record, state: state.slice() });
    this.versions.set(record.documentId, list);
    this.people.writeAudit(audit);
  }

  async listVersions(documentId: string): Promise<VersionRecord[]> {
    return (this.versions.get(documentId) ?? [])
      .map((entry, index) => ({ entry, index }))
      .sort((a, b) =>
        a.entry.record.createdAt === b.entry.record.createdAt
          ? b.index - a.index
          : a.entry.record.createdAt < b.entry.record.createdAt
            ? 1
            : -1,
      )
      .map(({ entry }) => entry.record);
  }

  async readVersion(documentId: string, versionId: string): Promise<Uint8Array | null> {
    return (
      this.versions.get(documentId)?.find((entry) => entry.record.id === versionId)?.state ?? null
    );
  }

  async probeHealth(): Promise<StorageHealth> {
    return { ok: true };
  }

  async close(): Promise<void> {}

  override async setSignInRequired(
    workspaceId: string,
    required: boolean,
    audit: AuditEntry,
  ): Promise<void> {
    const workspace = this.workspaces.get(workspaceId);
    if (workspace !== undefined)
      this.workspaces.set(workspaceId, { ...workspace, signInRequired: required });
    await this.people.setSignInRequired(workspaceId, required, audit);
  }
}
