import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/**
 * The section the facilitator is showing, published in awareness by the projector view as the
 * local state field `focus: {sectionId, presenting: true}`. Awareness, not the document: it is
 * about who is looking where right now, and it vanishes when the projector closes.
 */
const FOCUS_FIELD = 'focus';

export interface PresenterFocus {
  readonly sectionId: string;
  readonly presenting: true;
}

export interface Presenter {
  readonly clientId: number;
  readonly name: string;
  readonly sectionId: string;
}

export function publishPresenterFocus(awareness: Awareness, sectionId: string | null): void {
  awareness.setLocalStateField(
    FOCUS_FIELD,
    sectionId === null ? null : ({ sectionId, presenting: true } satisfies PresenterFocus),
  );
}

/** The presenting facilitator other than me; with several projectors open, the lowest client id, so everyone follows the same one. */
function findPresenter(awareness: Awareness): Presenter | null {
  let found: Presenter | null = null;
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const focus = (state as Record<string, unknown>)[FOCUS_FIELD] as
      Partial<PresenterFocus> | null | undefined;
    if (focus?.presenting !== true || typeof focus.sectionId !== 'string') return;
    if (found !== null && found.clientId < clientId) return;
    const user = (state as { user?: { name?: unknown } }).user;
    found = {
      clientId,
      name: typeof user?.name === 'string' ? user.name : 'The facilitator',
      sectionId: focus.sectionId,
    };
  });
  return found;
}

export function usePresenter(awareness: Awareness): Presenter | null {
  const [presenter, setPresenter] = useState(() => findPresenter(awareness));
  useEffect(() => {
    const onChange = (): void =>
      setPresenter((previous) => {
        const next = findPresenter(awareness);
        return previous !== null &&
          next !== null &&
          previous.clientId === next.clientId &&
          previous.sectionId === next.sectionId &&
          previous.name === next.name
          ? previous
          : next;
      });
    awareness.on('change', onChange);
    onChange();
    return () => awareness.off('change', onChange);
  }, [awareness]);
  return presenter;
}
