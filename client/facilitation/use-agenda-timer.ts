import { useCallback } from 'react';
import type * as Y from 'yjs';
import {
  changeTimer,
  readAgenda,
  readTimer,
  type AgendaTopic,
  type TimerReading,
  type TimerTransition,
} from '#core/facilitation';
import { readTimerState, type Problem, type TimerState } from '#core/schema';
import { useDocRead } from '../sync/use-doc-read.ts';
import { sharedNow, useSharedNow } from './shared-clock.ts';

interface StoredTimer {
  readonly agenda: readonly AgendaTopic[] | null;
  readonly state: TimerState;
  readonly problems: readonly Problem[];
}

function readStored(doc: Y.Doc): StoredTimer {
  const agenda = readAgenda(doc);
  const state = readTimerState(doc);
  return { agenda: agenda?.value ?? null, state: state.value, problems: state.problems };
}

export interface AgendaTimer {
  /** null when the document has no agenda table. */
  readonly agenda: readonly AgendaTopic[] | null;
  readonly reading: TimerReading;
  readonly problems: readonly Problem[];
  /** Applies a transition at the shared now; false when it did not apply. */
  readonly change: (transition: TimerTransition) => boolean;
}

/** The document's agenda timer, re-read on every change and recomputed four times a second while it runs. */
export function useAgendaTimer(doc: Y.Doc): AgendaTimer {
  const stored = useDocRead(doc, readStored);
  const now = useSharedNow(stored.state.kind === 'running');
  const change = useCallback(
    (transition: TimerTransition) => changeTimer(doc, transition, sharedNow()),
    [doc],
  );
  return {
    agenda: stored.agenda,
    reading: readTimer(stored.state, stored.agenda ?? [], now),
    problems: stored.problems,
    change,
  };
}
