import {
  addTime,
  nextTopic,
  pauseTimer,
  previousTopic,
  resetTimer,
  resumeTimer,
  startTimer,
} from '#core/facilitation';
import type { AgendaTimer } from './use-agenda-timer.ts';

const MINUTE_MS = 60_000;

/** The facilitator's buttons. Each writes the whole timer state to the document in one change. */
export function TimerControls({
  timer,
  variant,
}: {
  readonly timer: AgendaTimer;
  readonly variant: 'projector' | 'compact';
}) {
  const { reading, change } = timer;
  const started = reading.kind !== 'idle';
  const empty = (timer.agenda?.length ?? 0) === 0;
  return (
    <div className="timer-controls" role="group" aria-label="Agenda timer controls">
      {reading.kind === 'running' ? (
        <button type="button" onClick={() => change(pauseTimer)}>
          Pause
        </button>
      ) : (
        <button
          type="button"
          className="primary"
          disabled={empty}
          onClick={() => change(reading.kind === 'idle' ? startTimer : resumeTimer)}
        >
          {reading.kind === 'idle' ? 'Start agenda' : 'Resume'}
        </button>
      )}
      <button
        type="button"
        disabled={!started || reading.previous === null}
        onClick={() => change(previousTopic)}
      >
        Previous topic
      </button>
      <button
        type="button"
        disabled={!started || reading.next === null}
        onClick={() => change(nextTopic)}
      >
        Next topic
      </button>
      <button type="button" disabled={!started} onClick={() => change(addTime(MINUTE_MS))}>
        +1 min
      </button>
      <button type="button" disabled={!started} onClick={() => change(addTime(5 * MINUTE_MS))}>
        +5 min
      </button>
      {variant === 'projector' && (
        <button type="button" disabled={!started} onClick={() => change(resetTimer)}>
          Reset timer
        </button>
      )}
    </div>
  );
}
