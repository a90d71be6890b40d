import { useEffect, useId, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { AgendaTimerView } from '../facilitation/agenda-timer-view.tsx';
import { editorLinkFor } from '../facilitation/editor-link.ts';
import { JoinPanel } from '../facilitation/join-panel.tsx';
import { publishPresenterFocus } from '../facilitation/presenter-focus.ts';
import { SectionSlide } from '../facilitation/section-slide.tsx';
import { useAgendaTimer } from '../facilitation/use-agenda-timer.ts';
import type { DocumentSession } from '../sync/document-session.ts';
import { useDocumentAccess, useDocumentToken, type DocumentAccess } from '../sync/use-document-access.ts';
import { useDocumentSession } from '../sync/use-document-session.ts';
import { useWholeDocument } from '../sync/use-document.ts';
import { usePresence } from '../sync/use-presence.ts';
import { projectorOfDevice } from '../sync/user-identity.ts';
import { AGENDA_SECTION_ID } from '../../core/templates/section-ids.ts';
import { NoAccess } from './no-access.tsx';
import './present-page.css';

/**
 * The projector view (`/d/:doc/present`): the section under discussion, the agenda timer, who is
 * here and how to join, readable from the back of a room at 1280×720. Opened with the same token
 * handling as the document page. The device showing it is the facilitator's: it publishes the
 * section it shows, which attendees can follow.
 */
export function PresentPage({ documentId }: { readonly documentId: string }) {
  const token = useDocumentToken(documentId);
  if (token === null) return <NoAccess what="document" />;
  return <OpenPresentation documentId={documentId} token={token} />;
}

function OpenPresentation({ documentId, token }: { readonly documentId: string; readonly token: string }) {
  const session = useDocumentSession(documentId, token);
  const access = useDocumentAccess(documentId, token);
  if (session === null) return null;
  return <Presentation documentId={documentId} token={token} session={session} access={access} />;
}

interface PresentationProps {
  readonly documentId: string;
  readonly token: string;
  readonly session: DocumentSession;
  readonly access: DocumentAccess | null;
}

/** The section shown at first: the one named in the address (#id, kept across reloads), else the agenda, else the first. */
function initialSection(): string | null {
  const fromHash = decodeURIComponent(window.location.hash.slice(1));
  return fromHash === '' ? null : fromHash;
}

function Presentation({ documentId, token, session, access }: PresentationProps) {
  const { doc, provider } = session;
  const { view } = useWholeDocument(doc);
  const people = usePresence(provider.awareness);
  const timer = useAgendaTimer(doc);
  const [chosen, setChosen] = useState<string | null>(initialSection);
  const [joinVisible, setJoinVisible] = useState(true);
  const titleId = useId();
  const slideHeadingId = useId();
  const readOnly = access?.role === 'viewer';
  const editorLink = useMemo(() => editorLinkFor(documentId, token, access), [documentId, token, access]);

  const sections = view.sections;
  const fallback = sections.find((section) => section.id === AGENDA_SECTION_ID) ?? sections[0] ?? null;
  const shown = sections.find((section) => section.id === chosen) ?? fallback;
  const shownIndex = shown === null ? -1 : sections.indexOf(shown);

  useEffect(() => {
    provider.awareness.setLocalStateField('user', projectorOfDevice());
  }, [provider, doc]);

  useEffect(() => {
    publishPresenterFocus(provider.awareness, shown?.id ?? null);
    if (shown !== null) window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}#${encodeURIComponent(shown.id)}`);
  }, [provider, shown?.id]);

  // Leaving the projector stops presenting at once, not when awareness times out 30 s later.
  useEffect(() => () => publishPresenterFocus(provider.awareness, null), [provider]);

  useEffect(() => {
    document.title = `Presenting: ${view.meta.title || 'Untitled document'} · Pathways`;
  }, [view.meta.title]);

  const go = (step: number): void => {
    const target = sections[Math.min(sections.length - 1, Math.max(0, shownIndex + step))];
    if (target !== undefined) setChosen(target.id);
  };

  useEffect(() => {
    // Presentation clickers send PageDown/PageUp; arrows work from the keyboard. Not while typing in a field.
    const onKey = (event: KeyboardEvent): void => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (event.key === 'PageDown' || event.key === 'ArrowRight') {
        event.preventDefault();
        go(1);
      } else if (event.key === 'PageUp' || event.key === 'ArrowLeft') {
        event.preventDefault();
        go(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="present">
      <header className="present-header">
        <h1 id={titleId} className="present-title">
          {view.meta.title || 'Untitled document'}
        </h1>
        <ul className="present-people" aria-label={`${people.length} ${people.length === 1 ? 'person' : 'people'} here`}>
          {people.map((person) => (
            <li key={person.clientId} className="present-person" style={{ backgroundColor: person.color }}>
              {person.name}
            </li>
          ))}
        </ul>
      </header>
      <main id="main" className="present-main" aria-labelledby={titleId}>
        <div className="present-stage">
          {shown === null ? <p className="slide">This document has no sections yet.</p> : <SectionSlide section={shown} headingId={slideHeadingId} />}
        </div>
        <aside className="present-side" aria-label="Agenda and joining">
          {timer.agenda !== null && <AgendaTimerView timer={timer} variant="projector" readOnly={readOnly} />}
          {joinVisible && <JoinPanel editorLink={editorLink} />}
        </aside>
      </main>
      <footer className="present-footer">
        <nav className="present-nav" aria-label="Sections">
          <button type="button" onClick={() => go(-1)} disabled={shownIndex <= 0}>
            Previous section
          </button>
          <label htmlFor="present-section" className="visually-hidden">
            Section shown
          </label>
          <select id="present-section" value={shown?.id ?? ''} onChange={(event) => setChosen(event.currentTarget.value)}>
            {sections.map((section, position) => (
              <option key={section.id} value={section.id}>
                {position + 1}. {section.title || 'Untitled section'}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => go(1)} disabled={shownIndex === -1 || shownIndex >= sections.length - 1}>
            Next section
          </button>
        </nav>
        <button type="button" onClick={() => setJoinVisible(!joinVisible)}>
          {joinVisible ? 'Hide join code' : 'Show join code'}
        </button>
        <Link href={`/d/${documentId}`}>Back to the document</Link>
      </footer>
    </div>
  );
}
