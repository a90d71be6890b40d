import { useEffect, useState } from 'react';
import { useSignedInAccount } from '../sync/signed-in-account.ts';
import { peopleApi, type PickablePerson } from './people-api.ts';

const NOBODY: readonly PickablePerson[] = [];

/** Asked once per workspace and page load: members change rarely, and every owner cell asks. */
const asked = new Map<string, Promise<readonly PickablePerson[]>>();

/**
 * The workspace's signed-in members, by name, for someone who is one; empty for a share link
 * alone, offline, or while the server is asked.
 */
export function useWorkspacePeople(workspaceId: string | null): readonly PickablePerson[] {
  const [people, setPeople] = useState(NOBODY);
  // Someone signed out is never told names: not asking spares every link holder's page a refusal.
  const signedIn = useSignedInAccount() !== null;
  useEffect(() => {
    if (workspaceId === null || !signedIn) return;
    let current = true;
    let request = asked.get(workspaceId);
    if (request === undefined) {
      request = peopleApi.workspacePeople(workspaceId).then((found) => found ?? NOBODY);
      asked.set(workspaceId, request);
    }
    void request.then((found) => current && setPeople(found));
    return () => {
      current = false;
    };
  }, [workspaceId, signedIn]);
  return people;
}
