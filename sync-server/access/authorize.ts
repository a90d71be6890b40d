import type { Access, DocumentRecord, DocumentStore, Role } from '../storage/document-store.ts';
import { findJoinAccess } from './join-links.ts';
import { hashToken } from './tokens.ts';

export interface Authorized {
  readonly access: Access;
  readonly tokenHash: string;
}

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

export function hasRole(access: Access, least: Role): boolean {
  return RANK[access.role] >= RANK[least];
}

export async function authorizeToken(store: DocumentStore, token: string | null | undefined): Promise<Authorized | null> {
  if (token === null || token === undefined || token === '' || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const access = (await store.findAccess(tokenHash)) ?? (await findJoinAccess(store, tokenHash));
  return access === null ? null : { access, tokenHash };
}

/**
 * A token that opens this document: it must belong to the document's workspace. A missing
 * document and another workspace's document look the same from outside, so ids cannot be probed.
 */
export async function authorizeDocument(
  store: DocumentStore,
  token: string | null | undefined,
  documentId: string,
): Promise<(Authorized & { readonly document: DocumentRecord }) | 'no-token' | 'not-found'> {
  const authorized = await authorizeToken(store, token);
  if (authorized === null) return 'no-token';
  const document = await store.getDocument(documentId);
  if (document === null || document.workspaceId !== authorized.access.workspaceId) return 'not-found';
  // A join link opens its own document and no other in the workspace.
  if (authorized.access.documentId !== undefined && authorized.access.documentId !== documentId) return 'not-found';
  return { ...authorized, document };
}
