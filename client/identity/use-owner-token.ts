import { useMemo } from 'react';
import { findJoinedWorkspace } from '../sync/device-store.ts';

/**
 * The workspace link this device holds, if any, else "" (then the session cookie alone speaks
 * for a signed-in owner): the members and audit pages work with either.
 */
export function useOwnerToken(workspaceId: string): string {
  return useMemo(() => findJoinedWorkspace(workspaceId)?.token ?? '', [workspaceId]);
}
