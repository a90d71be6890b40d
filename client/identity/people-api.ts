/** Someone a person cell can be linked to: a district account and its current name. */
export interface PickablePerson {
  readonly account: string;
  readonly name: string;
}

/** One rubric round's respondents: members by name, everyone else only counted. */
export interface RoundRespondentNames {
  readonly sectionId: string;
  readonly columnId: string;
  readonly respondents: readonly PickablePerson[];
  readonly shareLinkRespondents: number;
}

/**
 * Names are for signed-in members only: these calls send the session cookie and never a share
 * link's token, and answer null when the server says no (not a member, signed out) or is away.
 */
async function readAsMember<T>(path: string): Promise<T | null> {
  try {
    const response = await fetch(path, { credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as T) : null;
  } catch {
    return null;
  }
}

export const peopleApi = {
  workspacePeople: async (workspaceId: string): Promise<PickablePerson[] | null> =>
    (
      await readAsMember<{ people: PickablePerson[] }>(
        `/api/workspaces/${encodeURIComponent(workspaceId)}/people`,
      )
    )?.people ?? null,
  respondentNames: async (documentId: string): Promise<RoundRespondentNames[] | null> =>
    (
      await readAsMember<{ rounds: RoundRespondentNames[] }>(
        `/api/documents/${encodeURIComponent(documentId)}/respondent-names`,
      )
    )?.rounds ?? null,
};
