import type { FollowUp } from './collect.ts';

/** The owner filter: everyone, rows without an owner, or one owner (compared trimmed, ignoring case). */
export type OwnerFilter = { readonly kind: 'everyone' } | { readonly kind: 'nobody' } | { readonly kind: 'owner'; readonly name: string };

export interface FollowUpFilter {
  readonly owner: OwnerFilter;
  readonly showDone: boolean;
}

function ownerKey(owner: string): string {
  return owner.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
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

/** Each owner once (the first spelling met), alphabetically; rows without an owner are not an owner. */
export function listOwners(rows: readonly FollowUp[]): string[] {
  const byKey = new Map<string, string>();
  for (const row of rows) {
    const key = ownerKey(row.owner);
    if (key !== '' && !byKey.has(key)) byKey.set(key, row.owner.trim().replace(/\s+/g, ' '));
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}
