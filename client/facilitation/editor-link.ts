import { findJoinedWorkspace } from '../sync/device-store.ts';
import { shareLink } from '../sync/share-link.ts';
import type { DocumentAccess } from '../sync/use-document-access.ts';

/**
 * The editor link of a document (`/d/:doc?token=EDITOR_TOKEN`), built from an editor token this
 * device already holds: the token it opened the document with when that is an editor's, the
 * workspace's editor link the owner created on this device, or the workspace link it joined as an
 * editor. Null otherwise: a viewer token cannot make one, and the owner's token must never be
 * handed to a room. Nothing is asked of the server; it keeps only hashes of tokens.
 */
export function editorLinkFor(
  documentId: string,
  token: string,
  access: DocumentAccess | null,
): string | null {
  if (access === null) return null;
  const path = `/d/${documentId}`;
  if (access.role === 'editor') return shareLink(path, token);
  const joined = findJoinedWorkspace(access.workspaceId);
  if (joined?.shareTokens?.editor) return shareLink(path, joined.shareTokens.editor);
  if (joined?.role === 'editor') return shareLink(path, joined.token);
  return null;
}
