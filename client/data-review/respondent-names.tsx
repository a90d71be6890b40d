import { useEffect, useMemo, useState } from 'react';
import { listRespondents } from '#core/metrics';
import type { TableView } from '#core/schema';
import { peopleApi, type RoundRespondentNames } from '../identity/people-api.ts';
import { useSignedInAccount } from '../sync/signed-in-account.ts';

/**
 * Who answered a round, for a signed-in member: the members by name, the others (share-link
 * answers) only counted. Nothing for anyone else, whom the server does not tell. Asked again
 * only when the set of accounts that answered changes, not with every answer.
 */
export function RespondentNames({
  documentId,
  table,
  columnId,
  roundLabel,
}: {
  readonly documentId: string;
  readonly table: TableView;
  readonly columnId: string;
  readonly roundLabel: string;
}) {
  const answeredBy = useMemo(
    () =>
      listRespondents(table)
        .map((round) => `${round.columnId}:${round.accounts.join(',')}:${round.others}`)
        .join(';'),
    [table],
  );
  const [rounds, setRounds] = useState<readonly RoundRespondentNames[] | null>(null);
  const signedIn = useSignedInAccount() !== null;
  useEffect(() => {
    if (!signedIn) return;
    let current = true;
    void peopleApi.respondentNames(documentId).then((found) => current && setRounds(found));
    return () => {
      current = false;
    };
  }, [documentId, answeredBy, signedIn]);
  const round = rounds?.find(
    (candidate) => candidate.sectionId === table.id && candidate.columnId === columnId,
  );
  if (round === undefined || (round.respondents.length === 0 && round.shareLinkRespondents === 0))
    return null;
  const names = round.respondents.map((person) => person.name);
  const others = round.shareLinkRespondents;
  return (
    <p className="respondent-names">
      Signed-in members who answered {roundLabel}:{' '}
      {names.length === 0 ? 'none yet' : <strong>{names.join(', ')}</strong>}.
      {others > 0 &&
        ` ${others} ${others === 1 ? 'other person' : 'other people'} answered by link and ${others === 1 ? 'is' : 'are'} not named.`}
    </p>
  );
}
