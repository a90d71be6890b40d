import { useEffect, useId, useMemo, useState } from 'react';
import { Link } from 'wouter';
import {
  listOwners,
  localDay,
  matchesFilter,
  mayHaveNextSteps,
  sortByDeadline,
  isOverdue,
  withCurrentOwnerNames,
} from '#core/follow-ups';
import { PeopleToPick } from '../editor/cells/people-to-pick.ts';
import { EVERYONE, OwnerSelect, ownerFilterOf } from '../follow-ups/owner-select.tsx';
import { useWorkspacePeople } from '../identity/use-workspace-people.ts';
import { cacheDocuments, readCachedDocuments } from '../follow-ups/document-list-cache.ts';
import { useFollowUpDocuments, type FollowUpDocument } from '../follow-ups/follow-up-documents.ts';
import { FollowUpsTable } from '../follow-ups/follow-ups-table.tsx';
import { api, ApiError, type DocumentSummary } from '../sync/api.ts';
import { useWorkspaceAccess, useWorkspaceToken } from '../sync/use-workspace-access.ts';
import { NoAccess } from './no-access.tsx';
import '../follow-ups/follow-ups.css';

export function FollowUpsPage({ workspaceId }: { readonly workspaceId: string }) {
  const token = useWorkspaceToken(workspaceId);
  if (token === null) return <NoAccess what="workspace" />;
  return <FollowUps workspaceId={workspaceId} token={token} />;
}

type DocumentList =
  | { readonly documents: readonly DocumentSummary[]; readonly fromDevice: boolean }
  | { readonly error: string }
  | null;

function useDocumentList(workspaceId: string, token: string): DocumentList {
  const [list, setList] = useState<DocumentList>(null);
  useEffect(() => {
    let live = true;
    api.listDocuments(workspaceId, token).then(
      (documents) => {
        cacheDocuments(workspaceId, documents);
        if (live) setList({ documents, fromDevice: false });
      },
      (failure: unknown) => {
        const cached = readCachedDocuments(workspaceId);
        const refused = failure instanceof ApiError && failure.status !== 0 && failure.status < 500;
        if (!live) return;
        if (cached !== null && !refused) setList({ documents: cached, fromDevice: true });
        else
          setList({
            error:
              failure instanceof ApiError
                ? failure.message
                : 'Could not list the documents of this workspace.',
          });
      },
    );
    return () => {
      live = false;
    };
  }, [workspaceId, token]);
  return list;
}

function FollowUps({
  workspaceId,
  token,
}: {
  readonly workspaceId: string;
  readonly token: string;
}) {
  const { name, role } = useWorkspaceAccess(workspaceId, token);
  const list = useDocumentList(workspaceId, token);

  useEffect(() => {
    document.title = `Follow-ups · ${name} · Pathways`;
  }, [name]);

  return (
    <>
      <header className="topbar">
        <nav aria-label="Breadcrumb">
          <Link href="/">Pathways</Link>
          <span aria-hidden="true"> / </span>
          <Link href={`/w/${workspaceId}`}>{name}</Link>
        </nav>
      </header>
      <main id="main" className="page follow-ups-page">
        <h1>Follow-ups</h1>
        <p className="lede">
          Every next step from the documents of {name}. A change here is made in its document, for
          everyone who has it open.
        </p>
        {list === null ? (
          <p role="status">Listing the documents…</p>
        ) : 'error' in list ? (
          <p className="form-error" role="alert">
            {list.error}
          </p>
        ) : (
          <FollowUpsOfDocuments
            workspaceId={workspaceId}
            workspaceName={name}
            token={token}
            documents={list.documents}
            listFromDevice={list.fromDevice}
            readOnly={role === 'viewer'}
          />
        )}
      </main>
    </>
  );
}

interface FollowUpsOfDocumentsProps {
  readonly workspaceId: string;
  readonly workspaceName: string;
  readonly token: string;
  readonly documents: readonly DocumentSummary[];
  readonly listFromDevice: boolean;
  readonly readOnly: boolean;
}

function FollowUpsOfDocuments({
  workspaceId,
  workspaceName,
  token,
  documents,
  listFromDevice,
  readOnly,
}: FollowUpsOfDocumentsProps) {
  const filterId = useId();
  const candidates = useMemo(
    () => documents.filter((summary) => mayHaveNextSteps(summary.template)),
    [documents],
  );
  const opened = useFollowUpDocuments(candidates, token);
  const [ownerChoice, setOwnerChoice] = useState(EVERYONE);
  const [showDone, setShowDone] = useState(false);
  const [shownCount, setShownCount] = useState<number | null>(null);
  const [today, setToday] = useState(() => localDay(new Date()));

  useEffect(() => {
    // The page may stay open past midnight; what is overdue changes with the day.
    const timer = window.setInterval(() => setToday(localDay(new Date())), 60_000);
    return () => window.clearInterval(timer);
  }, []);

  const sessions = useMemo(
    () => new Map(opened.map((entry) => [entry.id, entry.session])),
    [opened],
  );
  const members = useWorkspacePeople(workspaceId);
  const names = useMemo(
    () => new Map(members.map((person) => [person.account, person.name])),
    [members],
  );
  // A linked owner is listed, filtered and sorted by the account's current name.
  const allRows = useMemo(
    () =>
      withCurrentOwnerNames(
        opened.flatMap((entry) => entry.rows),
        names,
      ),
    [opened, names],
  );
  const owners = useMemo(() => listOwners(allRows), [allRows]);
  const owner = useMemo(() => ownerFilterOf(ownerChoice), [ownerChoice]);
  const rows = useMemo(
    () => sortByDeadline(allRows.filter((row) => matchesFilter(row, { owner, showDone }))),
    [allRows, owner, showDone],
  );
  const overdueCount = rows.filter((row) => isOverdue(row, today)).length;

  const loaded = opened.filter((entry) => entry.load.kind === 'loaded').length;
  const failed = opened.filter(
    (entry): entry is FollowUpDocument & { load: { kind: 'failed'; reason: string } } =>
      entry.load.kind === 'failed',
  );
  const fromDevice = opened.filter(
    (entry) => entry.load.kind === 'loaded' && entry.load.fromDevice,
  );
  const stillLoading = opened.length - loaded - failed.length;

  if (candidates.length === 0) {
    return (
      <p className="empty">
        No document here has next steps yet. Documents made from the barriers tool or the
        working-session guide have a next-steps table.
      </p>
    );
  }

  return (
    <>
      <div className="follow-ups-progress">
        <p role="status" aria-live="polite">
          {loaded} of {opened.length || candidates.length}{' '}
          {candidates.length === 1 ? 'document' : 'documents'} loaded
          {stillLoading > 0 ? ', still loading the others…' : '.'}
        </p>
        {listFromDevice && (
          <p className="notice">Offline: the list of documents is the one this device saw last.</p>
        )}
        {fromDevice.length > 0 && (
          <p className="notice">
            Offline: shown from this device, which may miss others’ latest changes:{' '}
            {fromDevice.map((entry) => entry.title).join(', ')}.
          </p>
        )}
        {failed.length > 0 && (
          <div className="form-error" role="alert">
            <p>
              {failed.length === 1
                ? 'One document could not be opened, so its next steps are not listed:'
                : `${failed.length} documents could not be opened, so their next steps are not listed:`}
            </p>
            <ul>
              {failed.map((entry) => (
                <li key={entry.id}>
                  <Link href={`/d/${entry.id}`}>{entry.title}</Link>: {entry.load.reason}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <div className="follow-ups-filters" role="group" aria-labelledby={`${filterId}-heading`}>
        <h2 id={`${filterId}-heading`} className="visually-hidden">
          Filters
        </h2>
        <OwnerSelect
          id={`${filterId}-owner`}
          owners={owners}
          choice={ownerChoice}
          onChoose={setOwnerChoice}
        />
        <label className="inline-check">
          <input
            type="checkbox"
            checked={showDone}
            onChange={(event) => setShowDone(event.currentTarget.checked)}
          />{' '}
          Show done tasks
        </label>
      </div>
      <p className="follow-ups-summary" aria-live="polite">
        {rows.length > 0 ? Math.max(rows.length, shownCount ?? 0) : 0} of {allRows.length}{' '}
        {allRows.length === 1 ? 'follow-up' : 'follow-ups'} shown
        {overdueCount > 0 && (
          <>
            , <strong>{overdueCount} overdue</strong>
          </>
        )}
        .
      </p>
      {rows.length > 0 ? (
        <PeopleToPick.Provider value={members}>
          <FollowUpsTable
            workspaceName={workspaceName}
            workspaceId={workspaceId}
            rows={rows}
            allRows={allRows}
            sessions={sessions}
            today={today}
            readOnly={readOnly}
            onShownCount={setShownCount}
          />
        </PeopleToPick.Provider>
      ) : (
        <p className="empty">
          {allRows.length === 0
            ? stillLoading > 0
              ? 'Nothing yet; documents are still loading.'
              : 'No next steps in these documents yet.'
            : 'No follow-up matches these filters.'}
        </p>
      )}
    </>
  );
}
