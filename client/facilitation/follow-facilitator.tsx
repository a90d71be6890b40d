import { useEffect, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { usePresenter } from './presenter-focus.ts';

const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown', ' ']);

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.closest('input, textarea, select, [contenteditable="true"]') !== null)
  );
}

/** The section element of the document page, found by its heading id (`section-ID`). */
function sectionElement(sectionId: string): HTMLElement | null {
  const heading = document.getElementById(`section-${sectionId}`);
  return heading?.closest('section') ?? heading;
}

/**
 * "Follow the facilitator": while on, the page scrolls to the section the projector shows
 * whenever it changes. Scrolling on one's own (wheel, touch, scroll keys outside a text field)
 * turns it off, says so politely, and offers to resume. Our own scrolling fires none of those
 * events, so it never stops following by itself.
 */
export function FollowFacilitator({ awareness }: { readonly awareness: Awareness }) {
  const presenter = usePresenter(awareness);
  const [following, setFollowing] = useState(false);
  const [message, setMessage] = useState('');
  const presenterName = useRef('the facilitator');
  if (presenter !== null) presenterName.current = presenter.name;

  const sectionId = presenter?.sectionId ?? null;
  useEffect(() => {
    if (!following || sectionId === null) return;
    const target = sectionElement(sectionId);
    const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    target?.scrollIntoView({ behavior: reduceMotion ? 'auto' : 'smooth', block: 'start' });
  }, [following, sectionId]);

  useEffect(() => {
    if (!following) return;
    const stop = (): void => {
      setFollowing(false);
      setMessage(`You scrolled, so you are no longer following ${presenterName.current}.`);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (
        SCROLL_KEYS.has(event.key) &&
        !isEditable(event.target) &&
        !(event.target instanceof HTMLButtonElement)
      )
        stop();
    };
    window.addEventListener('wheel', stop, { passive: true });
    window.addEventListener('touchmove', stop, { passive: true });
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('wheel', stop);
      window.removeEventListener('touchmove', stop);
      window.removeEventListener('keydown', onKey);
    };
  }, [following]);

  const start = (): void => {
    setFollowing(true);
    setMessage(
      presenter === null
        ? 'Following: the page will move when the facilitator starts presenting.'
        : `Following ${presenter.name}.`,
    );
  };

  return (
    <div className="follow-facilitator">
      {following ? (
        <button
          type="button"
          aria-pressed="true"
          onClick={() => (
            setFollowing(false),
            setMessage('You stopped following the facilitator.')
          )}
        >
          Following the facilitator
        </button>
      ) : (
        <button type="button" aria-pressed="false" onClick={start}>
          {message.startsWith('You scrolled') ? 'Resume following' : 'Follow the facilitator'}
        </button>
      )}
      <span className="follow-status" role="status" aria-live="polite">
        {message !== ''
          ? message
          : presenter === null
            ? 'Nobody is presenting.'
            : `${presenter.name} is presenting.`}
      </span>
    </div>
  );
}
