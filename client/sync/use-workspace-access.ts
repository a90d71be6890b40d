import { useEffect, useMemo, useState } from 'react';
import { api, ApiError } from './api.ts';
import { findJoinedWorkspace, rememberWorkspace, type Role } from './device-store.ts';
import { takeTokenFromAddress } from './share-link.ts';

/**
 * The token a workspace page opens with: one from a share link in the address (kept on the device,
 * as a viewer until the server says which role it is), else the one this device joined with.
 */
export function useWorkspaceToken(workspaceId: string): string | null {
  return useMemo(() => {
    const fromLink = takeTokenFromAddress();
    if (fromLink !== null)
      rememberWorkspace({
        id: workspaceId,
        name: findJoinedWorkspace(workspaceId)?.name ?? 'Workspace',
        token: fromLink,
        role: 'viewer',
      });
    return fromLink ?? findJoinedWorkspace(workspaceId)?.token ?? null;
  }, [workspaceId]);
}

/**
 * Without a link on the device: "" when the person is signed in as a member (the session cookie
 * opens the workspace), null when not, 'looking' while the server is asked.
 */
export function useMemberSession(workspaceId: string, needed: boolean): string | null | 'looking' {
  const [found, setFound] = useState<{ workspaceId: string; token: string | null } | null>(null);
  useEffect(() => {
    if (!needed) return;
    let current = true;
    api.readWorkspace(workspaceId, '').then(
      () => current && setFound({ workspaceId, token: '' }),
      () => current && setFound({ workspaceId, token: null }),
    );
    return () => {
      current = false;
    };
  }, [workspaceId, needed]);
  if (!needed) return null;
  return found?.workspaceId === workspaceId ? found.token : 'looking';
}

export interface WorkspaceAccess {
  readonly name: string;
  readonly role: Role;
  /** Why the server would not open the workspace, in words; null while it has not refused. */
  readonly error: string | null;
}

/**
 * A workspace's name and this token's role: what the device remembers at once (so the page works
 * offline), then the server's answer, which the device remembers for next time.
 */
export function useWorkspaceAccess(workspaceId: string, token: string): WorkspaceAccess {
  const [access, setAccess] = useState<WorkspaceAccess>(() => {
    const joined = findJoinedWorkspace(workspaceId);
    return { name: joined?.name ?? 'Workspace', role: joined?.role ?? 'viewer', error: null };
  });
  useEffect(() => {
    api.readWorkspace(workspaceId, token).then(
      (workspace) => {
        setAccess({ name: workspace.name, role: workspace.role, error: null });
        // A signed-in member's session (token "") is not a link to remember.
        if (token !== '')
          rememberWorkspace({
            id: workspace.id,
            name: workspace.name,
            token,
            role: workspace.role,
          });
      },
      (failure: unknown) =>
        setAccess((known) => ({
          ...known,
          error: failure instanceof ApiError ? failure.message : 'Could not open this workspace.',
        })),
    );
  }, [workspaceId, token]);
  return access;
}
