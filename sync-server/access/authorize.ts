import type { Access, DocumentRecord, DocumentStore, Role } from '../storage/document-store.ts';
import type { AccountRecord } from '../storage/identity-records.ts';
import { findJoinAccess } from './join-links.ts';
import { hashToken } from './tokens.ts';

export interface Authorized {
  readonly access: Access;
  /** The share link's hash when a link was presented and counted; null for a member without one. */
  readonly tokenHash: string | null;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

export function hasRole(access: Access, least: Role): boolean {
  return RANK[access.role] >= RANK[least];
}

const higher = (a: Role | null, b: Role | null): Role | null =>
  a === null ? b : b === null ? a : RANK[a] >= RANK[b] ? a : b;

export async function authorizeToken(
  store: DocumentStore,
  token: string | null | undefined,
): Promise<Authorized | null> {
  if (token === null || token === undefined || token === '' || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const access = (await store.findAccess(tokenHash)) ?? (await findJoinAccess(store, tokenHash));
  return access === null ? null : { access, tokenHash };
}

/** Why a request gets no access: no credential at all, one that does not open this, or a link where sign-in is required. */
export type Refusal = 'no-token' | 'not-found' | 'sign-in-required';

/**
 * The effective access to a workspace: the higher of the signed-in account's membership and the
 * share link presented (issue 18). Where the workspace requires sign-in, its links count only
 * for someone signed in. `link` is the presented link's access when it belongs to the workspace.
 */
async function effectiveAccess(
  store: DocumentStore,
  workspaceId: string,
  link: Authorized | null,
  account: AccountRecord | null,
): Promise<Authorized | Refusal> {
  const memberRole = account === null ? null : await store.findMemberRole(workspaceId, account.id);
  let counted = link;
  if (
    link !== null &&
    account === null &&
    (await store.getWorkspace(workspaceId))?.signInRequired === true
  )
    counted = null;
  const role = higher(memberRole, counted?.access.role ?? null);
  if (role === null) return link !== null ? 'sign-in-required' : 'no-token';
  // A join link's one-document limit holds only when membership adds nothing to it.
  const documentId = memberRole === null ? counted?.access.documentId : undefined;
  return {
    access: {
      workspaceId,
      role,
      ...(documentId !== undefined && { documentId }),
      ...(account !== null && { accountId: account.id, accountName: account.name }),
    },
    tokenHash: counted?.tokenHash ?? null,
  };
}

/** Access to a workspace (not through a join link, which opens one document only). */
export async function authorizeWorkspace(
  store: DocumentStore,
  token: string | null | undefined,
  account: AccountRecord | null,
  workspaceId: string,
): Promise<Authorized | Refusal | 'other-workspace' | 'join-link'> {
  const link = await authorizeToken(store, token);
  if (link !== null && link.access.workspaceId !== workspaceId && account === null)
    return 'other-workspace';
  const own = link !== null && link.access.workspaceId === workspaceId ? link : null;
  const result = await effectiveAccess(store, workspaceId, own, account);
  if (typeof result === 'string')
    return result === 'no-token' && link !== null ? 'other-workspace' : result;
  if (result.access.documentId !== undefined) return 'join-link';
  return result;
}

/**
 * A token or a membership that opens this document: a link must belong to the document's
 * workspace. A missing document and another workspace's document look the same from outside, so
 * ids cannot be probed.
 */
export async function authorizeDocument(
  store: DocumentStore,
  token: string | null | undefined,
  documentId: string,
  account: AccountRecord | null = null,
): Promise<(Authorized & { readonly document: DocumentRecord }) | Refusal | 'deleted'> {
  const link = await authorizeToken(store, token);
  if (link === null && account === null) return 'no-token';
  const document = await store.getDocument(documentId);
  if (document === null)
    return (await wasDeletedInReach(store, documentId, link, account)) ? 'deleted' : 'not-found';
  // A link of another workspace, or a join link of another document, counts for nothing here.
  const own =
    link !== null &&
    link.access.workspaceId === document.workspaceId &&
    (link.access.documentId ?? documentId) === documentId
      ? link
      : null;
  const result = await effectiveAccess(store, document.workspaceId, own, account);
  if (result === 'no-token') return link === null && account === null ? 'no-token' : 'not-found';
  if (typeof result === 'string') return result;
  return { ...result, document };
}

/**
 * True when the document was deleted from a workspace this link or account still opens: they
 * are told it is gone (a stale offline client stops trying); anyone else learns nothing of the id.
 */
async function wasDeletedInReach(
  store: DocumentStore,
  documentId: string,
  link: Authorized | null,
  account: AccountRecord | null,
): Promise<boolean> {
  const deleted = await store.findDeletedDocument(documentId);
  if (deleted === null) return false;
  const own =
    link !== null &&
    link.access.workspaceId === deleted.workspaceId &&
    (link.access.documentId ?? documentId) === documentId
      ? link
      : null;
  return typeof (await effectiveAccess(store, deleted.workspaceId, own, account)) !== 'string';
}
