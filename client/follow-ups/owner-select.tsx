import type { OwnerFilter } from '#core/follow-ups';

export const EVERYONE = 'everyone';
const NOBODY = 'nobody';
const OWNER = 'owner:';

/** The filter a choice of the owner list stands for. */
export function ownerFilterOf(choice: string): OwnerFilter {
  return choice === EVERYONE
    ? { kind: 'everyone' }
    : choice === NOBODY
      ? { kind: 'nobody' }
      : { kind: 'owner', name: choice.slice(OWNER.length) };
}

/**
 * The follow-ups' owner filter: everyone, nobody yet, or one owner by name (a linked owner by
 * their account's current name). A chosen owner stays listed after their last row is done or
 * renamed, so the choice does not jump back under the person.
 */
export function OwnerSelect({
  id,
  owners,
  choice,
  onChoose,
}: {
  readonly id: string;
  readonly owners: readonly string[];
  readonly choice: string;
  readonly onChoose: (choice: string) => void;
}) {
  const chosen = choice.startsWith(OWNER) ? choice.slice(OWNER.length) : null;
  return (
    <>
      <label htmlFor={id}>Owner</label>
      <select id={id} value={choice} onChange={(event) => onChoose(event.currentTarget.value)}>
        <option value={EVERYONE}>Everyone</option>
        <option value={NOBODY}>No owner yet</option>
        {owners.map((name) => (
          <option key={name} value={OWNER + name}>
            {name}
          </option>
        ))}
        {chosen !== null && !owners.includes(chosen) && <option value={choice}>{chosen}</option>}
      </select>
    </>
  );
}
