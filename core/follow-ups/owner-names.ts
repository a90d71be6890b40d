import type { FollowUp } from './collect.ts';

/**
 * The rows with each linked owner shown by the account's current name (`names`: account id →
 * name), so a person who changed their name at the district is listed and filtered by the new
 * one. An account not in `names` (someone who left, or names not known offline) keeps the name
 * the cell was given.
 */
export function withCurrentOwnerNames(
  rows: readonly FollowUp[],
  names: ReadonlyMap<string, string>,
): FollowUp[] {
  return rows.map((row) => {
    const name = row.ownerAccount === undefined ? undefined : names.get(row.ownerAccount);
    return name === undefined || name === row.owner ? row : { ...row, owner: name };
  });
}
