import { useId, useMemo, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import {
  aggregateRubric,
  compareRubricRounds,
  lowestRatedPractices,
  type PracticeResult,
} from '#core/metrics';
import { readRatingRounds, startRatingRound, type TableView } from '#core/schema';
import { RoundComparisonChart } from './round-comparison-chart.tsx';
import { RespondentNames } from './respondent-names.tsx';
import { levelName } from './rubric-format.ts';
import './data-review.css';

/** How many practices "rated lowest" lists: enough to start a conversation, few enough to read aloud. */
const LOWEST_COUNT = 3;

/**
 * Results of the assessment rubric by round: the spread of answers per practice is in the table
 * itself; here are the practices rated lowest, the change against the previous round as a chart,
 * and starting the next round, which keeps the earlier ones read-only.
 */
export function RubricPanel({
  doc,
  documentId,
  table,
  readOnly,
}: {
  readonly doc: Y.Doc;
  readonly documentId: string;
  readonly table: TableView;
  readonly readOnly: boolean;
}) {
  const headingId = useId();
  const rounds = useMemo(() => readRatingRounds(table).map(namedRound), [table]);
  const current = rounds.find((round) => round.current) ?? rounds.at(-1);
  const previous =
    current === undefined ? undefined : rounds.slice(0, rounds.indexOf(current)).at(-1);
  const now = useMemo(
    () => (current === undefined ? null : aggregateRubric(table, current.columnId)),
    [table, current],
  );
  const before = useMemo(
    () => (previous === undefined ? null : aggregateRubric(table, previous.columnId)),
    [table, previous],
  );
  if (current === undefined || now === null) return null;
  const lowest = lowestRatedPractices(now, LOWEST_COUNT);
  const answered = Math.max(0, ...now.practices.map((practice) => practice.responses));

  return (
    <section className="data-view" aria-labelledby={headingId}>
      <h3 id={headingId}>Results by round</h3>
      <p>
        Rounds:{' '}
        {rounds
          .map((round) => `${round.label}${round.current ? ' (current)' : ' (closed)'}`)
          .join(', ')}
        .{' '}
        {answered === 0
          ? 'Nobody has answered the current round yet.'
          : `Up to ${answered} ${answered === 1 ? 'person has' : 'people have'} answered ${current.label}.`}
      </p>
      <RespondentNames
        documentId={documentId}
        table={table}
        columnId={current.columnId}
        roundLabel={current.label}
      />
      {lowest.length > 0 && (
        <>
          <h4>Rated lowest in {current.label}</h4>
          <ol className="lowest-practices">
            {lowest.map((practice: PracticeResult) => (
              <li key={practice.rowId}>
                {(practice.practice || 'A practice without text').replace(/[.:;,\s]+$/, '')}: median{' '}
                {levelName(now.scale, practice.median)}, {practice.responses}{' '}
                {practice.responses === 1 ? 'answer' : 'answers'}
              </li>
            ))}
          </ol>
        </>
      )}
      {previous !== undefined && before !== null && (
        <RoundComparisonChart
          scale={now.scale}
          changes={compareRubricRounds(now, before)}
          currentLabel={current.label}
          previousLabel={previous.label}
        />
      )}
      {!readOnly && <StartRound doc={doc} sectionId={table.id} currentLabel={current.label} />}
    </section>
  );
}

function StartRound({
  doc,
  sectionId,
  currentLabel,
}: {
  readonly doc: Y.Doc;
  readonly sectionId: string;
  readonly currentLabel: string;
}) {
  const formId = useId();
  const [label, setLabel] = useState('');
  const [previousLabel, setPreviousLabel] = useState(currentLabel);
  const [error, setError] = useState<string | null>(null);
  const start = (event: FormEvent) => {
    event.preventDefault();
    const started = startRatingRound(doc, sectionId, { label, previousLabel });
    if (!started.ok) {
      setError(started.message.charAt(0).toUpperCase() + started.message.slice(1) + '.');
      return;
    }
    setError(null);
    setLabel('');
  };
  return (
    <form className="start-round" onSubmit={start} aria-labelledby={`${formId}-title`}>
      <h4 id={`${formId}-title`}>Start a new round</h4>
      <p className="data-view-note">
        The current round closes: its answers stay in the table, read-only, and the new round gets
        its own column.
      </p>
      <label htmlFor={`${formId}-previous`}>Name of the round that ends</label>
      <input
        id={`${formId}-previous`}
        value={previousLabel}
        onChange={(event) => setPreviousLabel(event.currentTarget.value)}
      />
      <label htmlFor={`${formId}-label`}>Name of the new round</label>
      <input
        id={`${formId}-label`}
        value={label}
        placeholder="e.g. Spring 2027"
        aria-invalid={error !== null}
        aria-describedby={error === null ? undefined : `${formId}-error`}
        onChange={(event) => setLabel(event.currentTarget.value)}
      />{' '}
      <button type="submit" className="primary">
        Start round
      </button>
      {error !== null && (
        <p id={`${formId}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/**
 * The template's rubric starts with one rating column titled after its question ("How often");
 * as a round it reads "Round 1", as later rounds read by the name they were given.
 */
function namedRound<Round extends { readonly label: string }>(round: Round, index: number): Round {
  return index === 0 && round.label.trim().toLowerCase() === 'how often'
    ? { ...round, label: 'Round 1' }
    : round;
}
