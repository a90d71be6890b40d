import { useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { noteFragment, writeTitle } from '../../core/schema/index.ts';
import { AddSection } from '../editor/add-section.tsx';
import { NoteSection } from '../editor/note-section.tsx';
import { PresenceBar } from '../editor/presence-bar.tsx';
import { SectionHeader } from '../editor/section-header.tsx';
import { SessionSyncStatus } from '../editor/sync-status.tsx';
import { TableSection } from '../editor/table-section.tsx';
import { api, type DocumentInfo } from '../sync/api.ts';
import type { DocumentSession } from '../sync/document-session.ts';
import { findJoinedWorkspace, rememberDocumentToken, rememberDocumentWorkspace, rememberWorkspace, tokenForDocument, workspaceOfDocument, type Role } from '../sync/device-store.ts';
import { takeTokenFromAddress } from '../sync/share-link.ts';
import { useDocumentSession } from '../sync/use-document-session.ts';
import { useDocumentView, useSessionPhase } from '../sync/use-document.ts';
import { usePresence } from '../sync/use-presence.ts';
import { personFor, type Person } from '../sync/user-identity.ts';
import { NoAccess } from './no-access.tsx';

export function DocumentPage({ documentId }: { readonly documentId: string }) {
  const token = useMemo(() => {
    const fromLink = takeTokenFromAddress();
    if (fromLink !== null) rememberDocumentToken(documentId, fromLink);
    return tokenForDocument(documentId);
  }, [documentId]);
  if (token === null) return <NoAccess what="document" />;
  return <OpenDocument documentId={documentId} token={token} />;
}

function OpenDocument({ documentId, token }: { readonly documentId: string; readonly token: string }) {
  const session = useDocumentSession(documentId, token);
  const knownWorkspace = workspaceOfDocument(documentId);
  const [info, setInfo] = useState<Pick<DocumentInfo, 'workspaceId' | 'workspaceName' | 'role'> | null>(() => {
    const joined = knownWorkspace === null ? null : findJoinedWorkspace(knownWorkspace);
    return joined === null ? null : { workspaceId: joined.id, workspaceName: joined.name, role: joined.role };
  });

  useEffect(() => {
    // Works offline from what the device remembers; the server's answer refreshes it.
    api.readDocument(documentId, token).then(
      (answer) => {
        setInfo(answer);
        rememberDocumentWorkspace(documentId, answer.workspaceId);
        rememberWorkspace({ id: answer.workspaceId, name: answer.workspaceName, token, role: answer.role });
      },
      () => {},
    );
  }, [documentId, token]);

  if (session === null) return null;
  return <DocumentEditor session={session} role={info?.role ?? 'editor'} workspace={info} />;
}

interface DocumentEditorProps {
  readonly session: DocumentSession;
  readonly role: Role;
  readonly workspace: { readonly workspaceId: string; readonly workspaceName: string } | null;
}

function DocumentEditor({ session, role, workspace }: DocumentEditorProps) {
  const { doc, provider } = session;
  const phase = useSessionPhase(session);
  const view = useDocumentView(doc);
  const { problems } = view;
  const people = usePresence(provider.awareness);
  const [person, setPerson] = useState<Person>(() => personFor(doc.clientID));
  const readOnly = role === 'viewer' || phase === 'link-invalid';

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
        <div className="document-header">
          {readOnly ? (
            <h1>{view.meta.title || 'Untitled document'}</h1>
          ) : (
            <h1>
              <label htmlFor="document-title" className="visually-hidden">
                Document title
              </label>
              <input id="document-title" className="title-input" value={view.meta.title} onChange={(event) => writeTitle(doc, event.currentTarget.value)} />
            </h1>
          )}
          {role === 'viewer' && <span className="badge">View only</span>}
        </div>
        <PresenceBar people={people} onRename={(name) => setPerson({ ...person, name })} />
        {problems.length > 0 && (
          <p className="notice">
            Parts of this document were written by a newer or different version of Pathways and are shown as far as possible ({problems.length} {problems.length === 1 ? 'note' : 'notes'}).
          </p>
        )}
        {view.sections.length === 0 && phase !== 'loading' && <p className="empty">This document has no sections yet.</p>}
        {view.sections.map((section, index) => {
          const headingId = `section-${section.id}`;
          const fragment = section.kind === 'note' ? noteFragment(doc, section.id) : null;
          return (
            <section key={section.id} className="section" aria-labelledby={headingId}>
              <SectionHeader doc={doc} section={section} index={index} count={view.sections.length} headingId={headingId} readOnly={readOnly} />
              {section.kind === 'note' && fragment !== null && <NoteSection fragment={fragment} awareness={session.noteAwareness} person={person} readOnly={readOnly} headingId={headingId} />}
              {section.kind === 'table' && (
                <TableSection doc={doc} table={section.table} headingId={headingId} readOnly={readOnly} awareness={provider.awareness} people={people} participant={person.name} />
              )}
              {section.kind === 'unknown' && <p className="notice">This section was made with a newer version of Pathways and is shown read-only.</p>}
            </section>
          );
        })}
        {!readOnly && <AddSection doc={doc} />}
      </main>
    </>
  );
}
