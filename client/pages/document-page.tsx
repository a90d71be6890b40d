import { startTransition, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { suppressSmallCellsOf } from '#core/export/small-cells';
import { noteFragment, readOccurrenceMeta, readSmallCellThreshold } from '#core/schema';
import { SURVEY_SECTION_ID } from '#core/survey';
import { SectionInsights } from '../data-review/section-insights.tsx';
import { PrivacyHint } from '../privacy/privacy-hint.tsx';
import { usePrivacyHints } from '../privacy/use-privacy-hints.ts';
import { AddSection } from '../editor/add-section.tsx';
import { FacilitationBar } from '../facilitation/facilitation-bar.tsx';
import { NoteSection } from '../editor/note-section.tsx';
import { PresenceBar } from '../editor/presence-bar.tsx';
import { SectionHeader } from '../editor/section-header.tsx';
import { SessionSyncStatus } from '../editor/sync-status.tsx';
import { TableSection } from '../editor/table-section.tsx';
import { TitleField } from '../editor/title-field.tsx';
import { ExportMenu } from '../exports/export-menu.tsx';
import { SurveyLinkControl } from '../survey/survey-link-control.tsx';
import { CalendarPanels } from '../meetings/calendar-panels.tsx';
import { OpenNextSteps } from '../meetings/open-next-steps.tsx';
import { MEETING_DETAILS_SECTION_ID } from '#core/meetings';
import { MEETINGS_SECTION_ID } from '#core/templates';
import type { DocumentSession } from '../sync/document-session.ts';
import type { Role } from '../sync/device-store.ts';
import {
  useDocumentAccess,
  useDocumentToken,
  useWorkspaceToken,
} from '../sync/use-document-access.ts';
import { useDocumentSession } from '../sync/use-document-session.ts';
import { useDocumentView, useSessionPhase } from '../sync/use-document.ts';
import { usePresence } from '../sync/use-presence.ts';
import {
  participantOfAccount,
  participantOfDevice,
  personOfAccount,
  personOfDevice,
  type Person,
} from '../sync/user-identity.ts';
import { useSignedInAccount } from '../sync/signed-in-account.ts';
import { mergePeople, PeopleToPick, presentAccounts } from '../editor/cells/people-to-pick.ts';
import { useWorkspacePeople } from '../identity/use-workspace-people.ts';
import { HistoryButton } from '../versions/history-button.tsx';
import { replaceFirstScreen } from '../first-screen.ts';
import { liveDocumentDrawn } from './live-document-drawn.ts';
import { NoAccess } from './no-access.tsx';
import { useScrollToHash } from './scroll-to-hash.ts';

export function DocumentPage({ documentId }: { readonly documentId: string }) {
  const known = useDocumentToken(documentId);
  const found = useWorkspaceToken(documentId, known === null);
  const token = known ?? found;
  if (token === 'looking') return null;
  if (token === null) return <NoAccess what="document" />;
  return <OpenDocument documentId={documentId} token={token} />;
}

function OpenDocument({
  documentId,
  token,
}: {
  readonly documentId: string;
  readonly token: string;
}) {
  const session = useDocumentSession(documentId, token);
  const info = useDocumentAccess(documentId, token);
  if (session === null) return null;
  return (
    <DocumentEditor
      session={session}
      token={token}
      role={info?.role ?? 'editor'}
      workspace={info}
    />
  );
}

interface DocumentEditorProps {
  readonly session: DocumentSession;
  readonly token: string;
  readonly role: Role;
  readonly workspace: { readonly workspaceId: string; readonly workspaceName: string } | null;
}

/**
 * Sections drawn in the page's first commit; the rest follow at once in a transition, which React
 * renders in slices between frames, so the first screen paints without waiting for the whole
 * document. Three sections fill a 1280×800 window in every template.
 */
const FIRST_SECTIONS = 3;

function DocumentEditor({ session, token, role, workspace }: DocumentEditorProps) {
  const { doc, provider } = session;
  const phase = useSessionPhase(session);
  const view = useDocumentView(doc);
  const { problems } = view;
  const [allSections, setAllSections] = useState(false);
  const sections = allSections ? view.sections : view.sections.slice(0, FIRST_SECTIONS);
  // The first note on the first screen has its editor from the start; the others start theirs as they come near the window.
  const openingNoteId = view.sections
    .slice(0, FIRST_SECTIONS)
    .find((section) => section.kind === 'note')?.id;
  useEffect(() => {
    if (!allSections && view.sections.length > FIRST_SECTIONS)
      startTransition(() => setAllSections(true));
  }, [allSections, view.sections.length]);
  const people = usePresence(provider.awareness);
  const account = useSignedInAccount();
  const [devicePerson, setPerson] = useState<Person>(personOfDevice);
  // Someone signed in appears by their account's name, which the relay checks (presence-owners.ts).
  const person = useMemo(
    () => (account === null ? devicePerson : personOfAccount(account)),
    [account, devicePerson],
  );
  // The id keys one's answers, whatever name one changes to meanwhile: the device's, or the account's once known.
  const [deviceParticipant] = useState(participantOfDevice);
  const participant = useMemo(
    () => (account === null ? deviceParticipant : participantOfAccount(account.id)),
    [account, deviceParticipant],
  );
  const members = useWorkspacePeople(workspace?.workspaceId ?? null);
  const pickable = useMemo(() => mergePeople(members, presentAccounts(people)), [members, people]);
  const readOnly = role === 'viewer' || phase === 'link-invalid';
  useScrollToHash(sections.length === view.sections.length && view.sections.length > 0);
  const privacyHints = usePrivacyHints(doc, !readOnly);
  const occurrence = readOccurrenceMeta(doc).value;
  // The server's first screen stays until this page has the document to show in its place.
  const drawn = liveDocumentDrawn(doc, phase === 'loading', view);
  useLayoutEffect(() => {
    if (drawn) replaceFirstScreen();
  }, [drawn]);

  useEffect(() => {
    provider.awareness.setLocalStateField('user', person);
  }, [provider, person]);

  useEffect(() => {
    document.title = view.meta.title === '' ? 'Pathways' : `${view.meta.title} · Pathways`;
  }, [view.meta.title]);

  return (
    <>
      <header className="topbar">
        <nav aria-label="Breadcrumb">
          <Link href="/">Pathways</Link>
          {workspace !== null && (
            <>
              <span aria-hidden="true"> / </span>
              <Link href={`/w/${workspace.workspaceId}`}>{workspace.workspaceName}</Link>
            </>
          )}
        </nav>
        <SessionSyncStatus session={session} />
      </header>
      <main id="main" className="document">
        <PeopleToPick.Provider value={pickable}>
          <div className="document-header">
            {readOnly ? (
              <h1>{view.meta.title || 'Untitled document'}</h1>
            ) : (
              <h1>
                <label htmlFor="document-title" className="visually-hidden">
                  Document title
                </label>
                <TitleField id="document-title" doc={doc} title={view.meta.title} />
              </h1>
            )}
            {role === 'viewer' && <span className="badge">View only</span>}
            <div className="document-tools">
              <HistoryButton
                documentId={session.documentId}
                token={token}
                doc={doc}
                canEdit={!readOnly}
              />
              <ExportMenu
                documentId={session.documentId}
                token={token}
                role={role}
                workspaceId={workspace?.workspaceId ?? null}
                view={view}
              />
            </div>
          </div>
          <PresenceBar
            people={people}
            onRename={account === null ? (name) => setPerson({ ...devicePerson, name }) : null}
          />
          <FacilitationBar
            documentId={session.documentId}
            doc={doc}
            awareness={provider.awareness}
            readOnly={readOnly}
          />
          {problems.length > 0 && (
            <p className="notice">
              Parts of this document were written by a newer or different version of Pathways and
              are shown as far as possible ({problems.length}{' '}
              {problems.length === 1 ? 'note' : 'notes'}).
            </p>
          )}
          {view.sections.length === 0 && drawn && (
            <p className="empty">This document has no sections yet.</p>
          )}
          {sections.map((section, index) => {
            const headingId = `section-${section.id}`;
            const fragment = section.kind === 'note' ? noteFragment(doc, section.id) : null;
            return (
              <section
                key={section.id}
                className={`section${index < FIRST_SECTIONS ? ' section-opening' : ''}${section.kind === 'table' ? ' section-table' : ''}`}
                aria-labelledby={headingId}
              >
                <SectionHeader
                  doc={doc}
                  section={section}
                  index={index}
                  count={view.sections.length}
                  headingId={headingId}
                  readOnly={readOnly}
                />
                {section.kind === 'note' && fragment !== null && (
                  <NoteSection
                    fragment={fragment}
                    awareness={session.noteAwareness}
                    person={person}
                    readOnly={readOnly}
                    headingId={headingId}
                    startLive={section.id === openingNoteId}
                  />
                )}
                {section.kind === 'table' && (
                  <TableSection
                    doc={doc}
                    table={
                      role === 'viewer'
                        ? suppressSmallCellsOf(section.table, readSmallCellThreshold(doc))
                        : section.table
                    }
                    headingId={headingId}
                    readOnly={readOnly}
                    awareness={provider.awareness}
                    people={people}
                    participant={participant}
                  />
                )}
                {section.kind === 'table' && (
                  <SectionInsights
                    doc={doc}
                    documentId={session.documentId}
                    table={section.table}
                    role={role}
                    readOnly={readOnly}
                  />
                )}
                {!readOnly && privacyHints.has(section.id) && (
                  <PrivacyHint hints={privacyHints.get(section.id)!} />
                )}
                {section.id === SURVEY_SECTION_ID && !readOnly && (
                  <SurveyLinkControl documentId={session.documentId} />
                )}
                {section.kind === 'unknown' && (
                  <p className="notice">
                    This section was made with a newer version of Pathways and is shown read-only.
                  </p>
                )}
                {section.kind === 'table' && section.id === MEETINGS_SECTION_ID && (
                  <CalendarPanels
                    doc={doc}
                    calendarId={session.documentId}
                    token={token}
                    table={section.table}
                    readOnly={readOnly}
                    workspaceId={workspace?.workspaceId ?? null}
                  />
                )}
                {occurrence !== null && section.id === MEETING_DETAILS_SECTION_ID && (
                  <OpenNextSteps
                    occurrence={occurrence}
                    token={token}
                    readOnly={readOnly}
                    workspaceId={workspace?.workspaceId ?? null}
                  />
                )}
              </section>
            );
          })}
          {!readOnly && <AddSection doc={doc} />}
        </PeopleToPick.Provider>
      </main>
    </>
  );
}
