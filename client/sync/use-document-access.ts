import { useEffect, useMemo, useState } from 'react';
import { api, type DocumentInfo } from './api.ts';
import {
  findJoinedWorkspace,
  rememberDocumentWorkspace,
  rememberWorkspace,
  workspaceOfDocument,
} from './device-store.ts';
import { documentToken } from './document-token.ts';
import { findWorkspaceToken } from './find-workspace-token.ts';

/** What a document page knows about the link it was opened with. */
export type DocumentAccess = Pick<DocumentInfo, 'workspaceId' | 'workspaceName' | 'role'>;

/** The token this device opens a document with (see documentToken); null when it has no way in. */
export function useDocumentToken(documentId: string): string | null {
  return useMemo(() => documentToken(documentId), [documentId]);
}

/**
 * When the device has no token for a document: 'looking' while it asks whether a workspace it
 * joined holds the document, then that workspace's token, or null.
 */
export function useWorkspaceToken(documentId: string, needed: boolean): string | null | 'looking' {
  const [found, setFound] = useState<{ documentId: string; token: string | null } | null>(null);
  useEffect(() => {
    if (!needed) return;
    let current = true;
    void findWorkspaceToken(documentId).then((token) => current && setFound({ documentId, token }));
    return () => {
      current = false;
    };
  }, [documentId, needed]);
  if (!needed) return null;
  return found?.documentId === documentId ? found.token : 'looking';
}

/**
 * The workspace and role behind a document's token: what the device remembers at once (so it
 * works offline), then the server's answer, which the device remembers for next time.
 */
export function useDocumentAccess(documentId: string, token: string): DocumentAccess | null {
  const [access, setAccess] = useState<DocumentAccess | null>(() => {
    const knownWorkspace = workspaceOfDocument(documentId);
    const joined = knownWorkspace === null ? null : findJoinedWorkspace(knownWorkspace);
    return joined === null
      ? null
      : { workspaceId: joined.id, workspaceName: joined.name, role: joined.role };
  });
  useEffect(() => {
    api.readDocument(documentId, token).then(
      (answer) => {
        setAccess(answer);
        // A join link opens one document: remembering it as the workspace's link would list a workspace it cannot open.
        // Nor is a signed-in member's session (token "") a link to remember.
        if (answer.documentOnly === true || token === '') return;
        rememberDocumentWorkspace(documentId, answer.workspaceId);
        rememberWorkspace({
          id: answer.workspaceId,
          name: answer.workspaceName,
          token,
          role: answer.role,
        });
      },
      () => {},
    );
  }, [documentId, token]);
  return access;
}
