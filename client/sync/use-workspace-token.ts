import { useMemo } from 'react';
import { findJoinedWorkspace, rememberWorkspace } from './device-store.ts';
import { takeTokenFromAddress } from './share-link.ts';

/**
 * The token a workspace page opens with: one from a share link in the address (kept on the device,
 * as a viewer until the server says which role it is), else the one this device joined with.
 */
export function useWorkspaceToken(workspaceId: string): string | null {
  return useMemo(() => {
    const fromLink = takeTokenFromAddress();
    if (fromLink !== null) rememberWorkspace({ id: workspaceId, name: findJoinedWorkspace(workspaceId)?.name ?? 'Workspace', token: fromLink, role: 'viewer' });
    return fromLink ?? findJoinedWorkspace(workspaceId)?.token ?? null;
  }, [workspaceId]);
}
