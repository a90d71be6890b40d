import { useState } from 'react';
import { Link } from 'wouter';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { AgendaTimerView } from './agenda-timer-view.tsx';
import { FollowFacilitator } from './follow-facilitator.tsx';
import { usePresenter } from './presenter-focus.ts';
import { useAgendaTimer } from './use-agenda-timer.ts';
import './facilitation.css';

interface FacilitationBarProps {
  readonly documentId: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly readOnly: boolean;
}

/**
 * The document page's strip for working sessions: a link to the projector view, "Follow the
 * facilitator", and, when the document has an agenda, the same timer the projector shows. It
 * sticks to the top, so laptops see the time left wherever they are in the document. While
 * someone presents, the timer's buttons are theirs: others see the timer and can take the
 * buttons over deliberately, so nobody pauses the room's clock by a stray click.
 */
export function FacilitationBar({ documentId, doc, awareness, readOnly }: FacilitationBarProps) {
  const timer = useAgendaTimer(doc);
  const presenter = usePresenter(awareness);
  const [tookOver, setTookOver] = useState(false);
  const someoneElsePresents = presenter !== null && !tookOver;
  return (
    <div className="facilitation-bar">
      <div className="facilitation-actions">
        <Link href={`/d/${documentId}/present`} className="present-link">
          Present
        </Link>
        <FollowFacilitator awareness={awareness} />
      </div>
      {timer.agenda !== null && (
        <AgendaTimerView
          timer={timer}
          variant="compact"
          readOnly={readOnly || someoneElsePresents}
        />
      )}
      {timer.agenda !== null && !readOnly && someoneElsePresents && (
        <button type="button" className="take-over" onClick={() => setTookOver(true)}>
          Take over the timer
        </button>
      )}
    </div>
  );
}
