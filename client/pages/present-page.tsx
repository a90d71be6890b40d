import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { Link } from 'wouter';
import { AgendaTimerView } from '../facilitation/agenda-timer-view.tsx';
import { editorLinkFor } from '../facilitation/editor-link.ts';
import { JoinPanel } from '../facilitation/join-panel.tsx';
import { useJoinLink } from '../facilitation/use-join-link.ts';
import { publishPresenterFocus } from '../facilitation/presenter-focus.ts';
import { SectionSlide } from '../facilitation/section-slide.tsx';
import { useAgendaTimer } from '../facilitation/use-agenda-timer.ts';
import type { DocumentSession } from '../sync/document-session.ts';
import {
  useDocumentAccess,
  useDocumentToken,
  type DocumentAccess,
} from '../sync/use-document-access.ts';
import { useDocumentSession } from '../sync/use-document-session.ts';
import { useWholeDocument } from '../sync/use-document.ts';
import { usePresence } from '../sync/use-presence.ts';
import { projectorOfDevice } from '../sync/user-identity.ts';
import { AGENDA_SECTION_ID } from '#core/schema/section-ids';
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

function OpenPresentation({
  documentId,
  token,
}: {
  readonly documentId: string;
  readonly token: string;
}) {
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
  const [panelFolded, setPanelFolded] = useState(false);
  const stage = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const sidePanelId = useId();
  const slideHeadingId = useId();
  const readOnly = access?.role === 'viewer';
  const editorLink = useMemo(
    () => editorLinkFor(documentId, token, access),
    [documentId, token, access],
  );
  const join = useJoinLink(documentId, token, access);

  const sections = view.sections;
  const fallback =
    sections.find((section) => section.id === AGENDA_SECTION_ID) ?? sections[0] ?? null;
  const shown = sections.find((section) => section.id === chosen) ?? fallback;
  const shownIndex = shown === null ? -1 : sections.indexOf(shown);
  const moreBelow = useMoreBelow(stage, shown?.id ?? '');

  useEffect(() => {
    provider.awareness.setLocalStateField('user', projectorOfDevice());
  }, [provider, doc]);

  const shownId = shown?.id ?? null;
  useEffect(() => {
    publishPresenterFocus(provider.awareness, shownId);
    if (shownId !== null)
      window.history.replaceState(
        window.history.state,
        '',
        `${window.location.pathname}${window.location.search}#${encodeURIComponent(shownId)}`,
      );
  }, [provider, shownId]);

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
      // Space and ↑/↓ scroll a long section; on a button Space presses it, as everywhere.
      const scroll = scrollStep(event, stage.current);
      if (scroll !== 0 && !(event.key === ' ' && target?.closest('button, a'))) {
        event.preventDefault();
        stage.current?.scrollBy({ top: scroll, behavior: 'smooth' });
        return;
      }
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
    <div className={panelFolded ? 'present is-folded' : 'present'}>
      <header className="present-header">
        <h1 id={titleId} className="present-title">
          {view.meta.title || 'Untitled document'}
        </h1>
        <ul
          className="present-people"
          aria-label={`${people.length} ${people.length === 1 ? 'person' : 'people'} here`}
        >
          {people.map((person) => (
            <li
              key={person.clientId}
              className="present-person"
              style={{ backgroundColor: person.color }}
            >
              {person.name}
            </li>
          ))}
        </ul>
      </header>
      <main id="main" className="present-main" aria-labelledby={titleId}>
        <div className="present-stage" ref={stage}>
          {shown === null ? (
            <p className="slide">This document has no sections yet.</p>
          ) : (
            <SectionSlide section={shown} headingId={slideHeadingId} />
          )}
        </div>
        {moreBelow && (
          <p className="present-more" aria-hidden="true">
            More below: Space or ↓
          </p>
        )}
        <aside
          id={sidePanelId}
          className="present-side"
          aria-label="Agenda and joining"
          hidden={panelFolded}
        >
          {timer.agenda !== null && (
            <AgendaTimerView timer={timer} variant="projector" readOnly={readOnly} />
          )}
          {joinVisible && <JoinPanel join={join} editorLink={editorLink} />}
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
          <select
            id="present-section"
            value={shown?.id ?? ''}
            onChange={(event) => setChosen(event.currentTarget.value)}
          >
            {sections.map((section, position) => (
              <option key={section.id} value={section.id}>
                {position + 1}. {section.title || 'Untitled section'}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => go(1)}
            disabled={shownIndex === -1 || shownIndex >= sections.length - 1}
          >
            Next section
          </button>
        </nav>
        <button
          type="button"
          aria-expanded={!panelFolded}
          aria-controls={sidePanelId}
          onClick={() => setPanelFolded(!panelFolded)}
        >
          {panelFolded ? 'Show side panel' : 'Hide side panel'}
        </button>
        {!panelFolded && (
          <button type="button" onClick={() => setJoinVisible(!joinVisible)}>
            {joinVisible ? 'Hide join code' : 'Show join code'}
          </button>
        )}
        <Link href={`/d/${documentId}`}>Back to the document</Link>
      </footer>
    </div>
  );
}

/** The pixels a key scrolls the slide by: Space a screenful, ↑/↓ a few lines; 0 for other keys. */
function scrollStep(event: KeyboardEvent, stage: HTMLElement | null): number {
  if (stage === null) return 0;
  const page = stage.clientHeight * 0.85;
  if (event.key === ' ') return event.shiftKey ? -page : page;
  if (event.key === 'ArrowDown') return page / 4;
  if (event.key === 'ArrowUp') return -page / 4;
  return 0;
}

/** Whether the slide runs on below the stage's bottom edge: the sign that says Space scrolls it. */
function useMoreBelow(stage: RefObject<HTMLDivElement | null>, sectionId: string): boolean {
  const [more, setMore] = useState(false);
  useEffect(() => {
    const element = stage.current;
    if (element === null) return;
    element.scrollTop = 0; // a new section starts at its top
    const check = (): void =>
      setMore(element.scrollHeight - element.scrollTop - element.clientHeight > 8);
    check();
    element.addEventListener('scroll', check, { passive: true });
    const resize = new ResizeObserver(check);
    resize.observe(element);
    if (element.firstElementChild !== null) resize.observe(element.firstElementChild);
    return () => {
      element.removeEventListener('scroll', check);
      resize.disconnect();
    };
  }, [stage, sectionId]);
  return more;
}
