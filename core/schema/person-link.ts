import type * as Y from 'yjs';
import { KEY_SEPARATOR } from './columns.ts';

/**
 * A person cell may be linked to a district account: the link sits beside the cell's Y.Text in
 * the row's `cells` map, under `columnId/account`, as `{account, text}` where `text` is what the
 * cell said when the person was picked. The link holds only while the cell still says that
 * (spaces aside), so typing over the name unlinks it without a second write, and two replicas that
 * merged a pick with someone's concurrent typing agree the cell is free text again.
 *
 * Older builds keep the key without reading it; column ids cannot contain `/`, so it never
 * collides with a cell.
 */
const ACCOUNT_SUFFIX = KEY_SEPARATOR + 'account';

/** Who a person cell can be linked to: an account id and the name to write in the cell. */
export interface LinkedPerson {
  readonly account: string;
  readonly name: string;
}

export const personLinkKey = (columnId: string): string => columnId + ACCOUNT_SUFFIX;

const tidy = (text: string): string => text.trim().replace(/\s+/g, ' ');

/** The account a person cell showing `text` is linked to, or undefined (no link, or it went stale). */
export function readPersonAccount(
  cells: { get(key: string): unknown },
  columnId: string,
  text: string,
): string | undefined {
  const link = cells.get(personLinkKey(columnId));
  if (typeof link !== 'object' || link === null) return undefined;
  const { account, text: linkedText } = link as Record<string, unknown>;
  return typeof account === 'string' &&
    account !== '' &&
    typeof linkedText === 'string' &&
    tidy(linkedText) !== '' &&
    tidy(linkedText) === tidy(text)
    ? account
    : undefined;
}

/** Records (or with null, removes) the link; call in the transaction that writes the name. */
export function writePersonLink(
  cells: Y.Map<unknown>,
  columnId: string,
  person: LinkedPerson | null,
): void {
  if (person === null) cells.delete(personLinkKey(columnId));
  else cells.set(personLinkKey(columnId), { account: person.account, text: person.name });
}
