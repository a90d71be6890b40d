import { createContext, useContext } from 'react';
import type { PickablePerson } from '../../identity/people-api.ts';
import type { PresentPerson } from '../../sync/use-presence.ts';

/**
 * Whom a person cell offers: the workspace's members (for a member) and the signed-in people
 * present. Given by the page, so each cell does not ask the server itself.
 */
export const PeopleToPick = createContext<readonly PickablePerson[]>([]);

export const usePeopleToPick = (): readonly PickablePerson[] => useContext(PeopleToPick);

/** Members and people present, each account once, by name. */
export function mergePeople(...lists: ReadonlyArray<readonly PickablePerson[]>): PickablePerson[] {
  const byAccount = new Map<string, PickablePerson>();
  for (const list of lists)
    for (const person of list)
      if (!byAccount.has(person.account)) byAccount.set(person.account, person);
  return [...byAccount.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The signed-in people in the document now, by their account's name. */
export function presentAccounts(people: readonly PresentPerson[]): PickablePerson[] {
  return people.flatMap((person) =>
    person.account === null ? [] : [{ account: person.account, name: person.name }],
  );
}
