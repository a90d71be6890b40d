import type * as Y from 'yjs';
import { readTimerState, writeTimerState } from '../schema/agenda-timer-state.ts';
import { readAgenda } from './agenda.ts';
import type { TimerTransition } from './agenda-timer.ts';

/**
 * Applies a transition to the document's timer: reads the state and the agenda, computes, and
 * writes the whole new state, in one transaction. Returns false when nothing changed (no agenda,
 * or the transition does not apply), so the caller can say so.
 *
 * @example changeTimer(doc, nextTopic, Date.now())
 */
export function changeTimer(doc: Y.Doc, transition: TimerTransition, now: number): boolean {
  let changed = false;
  doc.transact(() => {
    const agenda = readAgenda(doc);
    if (agenda === null) return;
    const next = transition(readTimerState(doc).value, agenda.value, now);
    if (next === null) return;
    writeTimerState(doc, next);
    changed = true;
  });
  return changed;
}
