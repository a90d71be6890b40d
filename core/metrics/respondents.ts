import type { TableView } from '../schema/table.ts';

/**
 * Rating answers are keyed by participant id (schema 3): a device's (`p-…`), or a signed-in
 * person's, which is their account id behind this prefix, the same on every device they use.
 */
const ACCOUNT_PREFIX = 'account-';

/** The participant id a signed-in account answers with. */
export const accountParticipantId = (accountId: string): string => ACCOUNT_PREFIX + accountId;

/** The account behind a participant id, or null for a device's id or an older name key. */
export function accountOfParticipant(participant: string): string | null {
  return participant.startsWith(ACCOUNT_PREFIX) && participant.length > ACCOUNT_PREFIX.length
    ? participant.slice(ACCOUNT_PREFIX.length)
    : null;
}

/** Who answered one rating column: the accounts that did, and how many others (by link). */
export interface RoundRespondents {
  readonly columnId: string;
  /** Account ids, sorted, each once however many practices they rated. */
  readonly accounts: readonly string[];
  /** Participants who answered without an account: counted, never identified. */
  readonly others: number;
}

/** The respondents of each rating column (round) of a table, in column order. */
export function listRespondents(table: TableView): RoundRespondents[] {
  return table.columns
    .filter((column) => column.kind === 'rating')
    .map((column) => {
      const participants = new Set<string>();
      for (const row of table.rows) {
        const cell = row.cells[column.id];
        if (cell?.kind === 'rating')
          for (const answer of cell.answers) participants.add(answer.participant);
      }
      const accounts = [...participants]
        .map(accountOfParticipant)
        .filter((account): account is string => account !== null)
        .sort();
      return { columnId: column.id, accounts, others: participants.size - accounts.length };
    });
}
