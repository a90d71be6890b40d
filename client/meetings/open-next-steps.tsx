import { useId, useMemo } from 'react';
import { Link } from 'wouter';
import { localDay, sortByDeadline } from '#core/follow-ups';
import { listLinkedDocuments, readPreviousOccurrence } from '#core/meetings';
import { readDocument, type OccurrenceMeta } from '#core/schema';
import { useFollowUpDocuments, type FollowUpDocument } from '../follow-ups/follow-up-documents.ts';
import { FollowUpsTable } from '../follow-ups/follow-ups-table.tsx';
import type { DocumentSummary } from '../sync/api.ts';
import '../follow-ups/follow-ups.css';
import './meetings.css';

interface OpenNextStepsProps {
  readonly occurrence: OccurrenceMeta;
  readonly token: string;
  readonly readOnly: boolean;
  readonly workspaceId: string | null;
}

function summaryOf(id: string): DocumentSummary {
  return { id, title: '', template: null, updatedAt: '' };
}

/**
 * A meeting's open next steps: every next-step row not done in the previous meeting's document
 * and in the documents that one links to, read live from those documents (the follow-ups page's
 * sessions and row editors), so a change here is made there and a row ticked done drops out.
 * Nothing is copied into this meeting's document.
 */
export function OpenNextSteps({ occurrence, token, readOnly, workspaceId }: OpenNextStepsProps) {
  const headingId = useId();
  // The previous meeting is whatever the calendar lists now (M6), so one opened out of order, or
  // an earlier one opened later, is picked up while this page is open.
  const calendar = useMemo(() => [summaryOf(occurrence.calendarId)], [occurrence.calendarId]);
  const [calendarOpened] = useFollowUpDocuments(calendar, token);
  const previousId = useMemo(
    () => readPreviousOccurrence(calendarOpened?.session.doc ?? null, occurrence),
    [calendarOpened, occurrence],
  );
  const previous = useMemo(
    () => (previousId === null ? [] : [summaryOf(previousId)]),
    [previousId],
  );
  const [previousEntry] = useFollowUpDocuments(previous, token);
  // For a frame after the previous meeting changes, the hook still holds the one before.
  const previousOpened = previousEntry?.id === previousId ? previousEntry : undefined;
  const linkedIds = useMemo(
    () =>
      previousOpened === undefined || previousId === null
        ? []
        : listLinkedDocuments(readDocument(previousOpened.session.doc).value, previousId),
    [previousOpened, previousId],
  );
  const linkedKey = linkedIds.join(' ');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `linkedKey` stands for the ids: the same ids must not reopen every session.
  const linked = useMemo(() => linkedIds.map(summaryOf), [linkedKey]);
  const linkedOpened = useFollowUpDocuments(linked, token);
  const opened: readonly FollowUpDocument[] = useMemo(
    () => (previousOpened === undefined ? linkedOpened : [previousOpened, ...linkedOpened]),
    [previousOpened, linkedOpened],
  );

  const sessions = useMemo(
    () => new Map(opened.map((entry) => [entry.id, entry.session])),
    [opened],
  );
  const allRows = useMemo(() => opened.flatMap((entry) => entry.rows), [opened]);
  const openRows = useMemo(() => sortByDeadline(allRows.filter((row) => !row.done)), [allRows]);
  const stillLoading = opened.filter((entry) => entry.load.kind === 'loading').length;
  const failed = opened.filter((entry) => entry.load.kind === 'failed');

  return (
    <div className="open-next-steps" role="region" aria-labelledby={headingId}>
      <h3 id={headingId}>Open next steps from the previous meeting</h3>
      {previousId === null ? (
        <p className="empty">
          This is the first meeting of this series with a document. Its next steps will be listed in
          the next meeting until they are done.
        </p>
      ) : (
        <>
          <p className="lede">
            Not yet done in{' '}
            <Link href={`/d/${previousId}`}>{previousOpened?.title || 'the previous meeting'}</Link>
            {linkedIds.length > 0 &&
              ` and the ${linkedIds.length === 1 ? 'document' : `${linkedIds.length} documents`} it links to`}
            . A change here is made in that document, for everyone; a task ticked done leaves this
            list when you move on.
          </p>
          {failed.length > 0 && (
            <p className="form-error" role="alert">
              {failed
                .map(
                  (entry) =>
                    `${entry.title || entry.id}: ${entry.load.kind === 'failed' ? entry.load.reason : ''}`,
                )
                .join('; ')}
            </p>
          )}
          {openRows.length > 0 ? (
            <FollowUpsTable
              workspaceName="the previous meeting"
              workspaceId={workspaceId ?? ''}
              rows={openRows}
              allRows={allRows}
              sessions={sessions}
              today={localDay(new Date())}
              readOnly={readOnly}
            />
          ) : (
            <p className="empty" role="status">
              {stillLoading > 0
                ? 'Reading the previous meeting…'
                : 'Every next step of the previous meeting is done.'}
            </p>
          )}
        </>
      )}
    </div>
  );
}
