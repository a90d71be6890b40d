import type { FollowUp } from './collect.ts';

/** The owner filter: everyone, rows without an owner, or one owner (compared trimmed, ignoring case). */
export type OwnerFilter =
  | { readonly kind: 'everyone' }
  | { readonly kind: 'nobody' }
  | { readonly kind: 'owner'; readonly name: string };

export interface FollowUpFilter {
  readonly owner: OwnerFilter;
  readonly showDone: boolean;
}

function ownerKey(owner: string): string {
  return tidy(owner).toLocaleLowerCase();
}

export function matchesFilter(row: FollowUp, filter: FollowUpFilter): boolean {
  if (row.done && !filter.showDone) return false;
  switch (filter.owner.kind) {
    case 'everyone':
      return true;
    case 'nobody':
      return ownerKey(row.owner) === '';
    case 'owner':
      return ownerKey(row.owner) === ownerKey(filter.owner.name);
  }
}

function tidy(owner: string): string {
  return owner.trim().replace(/\s+/g, ' ');
}

function capitals(text: string): number {
  return [...text].filter((letter) => letter !== letter.toLocaleLowerCase()).length;
}

/**
 * Each owner once, alphabetically; rows without an owner are not an owner. Of the spellings of
 * one name ("Dana Reyes", "dana reyes") the most used is shown, then the most capitalised, so
 * the label does not depend on which document loaded first.
 */
export function listOwners(rows: readonly FollowUp[]): string[] {
  const spellings = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const key = ownerKey(row.owner);
    if (key === '') continue;
    const counts = spellings.get(key) ?? new Map<string, number>();
    const spelling = tidy(row.owner);
    counts.set(spelling, (counts.get(spelling) ?? 0) + 1);
    spellings.set(key, counts);
  }
  const names = [...spellings.values()].map(
    (counts) =>
      [...counts.entries()].sort(
        ([a, countA], [b, countB]) =>
          countB - countA || capitals(b) - capitals(a) || (a < b ? -1 : a > b ? 1 : 0),
      )[0]![0],
  );
  return names.sort((a, b) => a.localeCompare(b));
}
