import { api } from './api.ts';
import { listJoinedWorkspaces, rememberDocumentWorkspace, type Role } from './device-store.ts';

const RANK: Record<Role, number> = { owner: 0, editor: 1, viewer: 2 };

/**
 * For a document this device has no token for: the token of a workspace it joined that the
 * document belongs to (the server answers only for its own workspace's token), remembered for
 * next time. So a member who pastes a `/d/:doc` address opens it, as they would from the list.
 * Failing that, "" when the person is signed in as a member: the session cookie then opens it.
 */
export async function findWorkspaceToken(documentId: string): Promise<string | null> {
  const joined = listJoinedWorkspaces().sort((a, b) => RANK[a.role] - RANK[b.role]);
  for (const workspace of joined) {
    try {
      const answer = await api.readDocument(documentId, workspace.token);
      rememberDocumentWorkspace(documentId, answer.workspaceId);
      return workspace.token;
    } catch {
      // Another workspace's document, a revoked link or no network: try the next one.
    }
  }
  try {
    await api.readDocument(documentId, '');
    return '';
  } catch {
    return null;
  }
}
