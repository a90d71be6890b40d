import { useEffect, useId, useRef, useState } from 'react';
import { formatClock } from '#core/facilitation';
import { TimerControls } from './timer-controls.tsx';
import type { AgendaTimer } from './use-agenda-timer.ts';
import './facilitation.css';

interface AgendaTimerViewProps {
  readonly timer: AgendaTimer;
  /** `projector`: large, for the back of the room; `compact`: one strip on the document page. */
  readonly variant: 'projector' | 'compact';
  /** Viewers see the timer without its buttons. */
  readonly readOnly: boolean;
}

function topicLabel(topic: { readonly topic: string } | null): string {
  return topic === null ? '' : topic.topic === '' ? 'Untitled topic' : topic.topic;
}

/**
 * The current topic, the time left on it (mm:ss) and what comes next. The clock is a `timer`
 * role, which screen readers do not announce on every tick; a polite live region announces the
 * topic only when it changes.
 */
export function AgendaTimerView({ timer, variant, readOnly }: AgendaTimerViewProps) {
  const headingId = useId();
  const { reading } = timer;
  const announcement = useTopicAnnouncement(timer);
  const overrun = reading.overrunMs > 0;
  const minutes = reading.current?.minutes;
  return (
    <section
      className={`agenda-timer agenda-timer-${variant}${overrun ? ' is-overrun' : ''}`}
      aria-labelledby={headingId}
      data-state={reading.kind}
    >
      <h2
        id={headingId}
        className={variant === 'compact' ? 'visually-hidden' : 'agenda-timer-heading'}
      >
        Agenda timer
      </h2>
      {reading.kind === 'idle' && reading.next !== null ? (
        <>
          {/* Before the start the clock already shows the first topic's time, so the room sees what it has. */}
          <p className="agenda-timer-topic">
            <span className="agenda-timer-label">
              First{reading.next.minutes !== null ? ` (${reading.next.minutes} min)` : ''}:{' '}
            </span>
            <span className="agenda-timer-first">{topicLabel(reading.next)}</span>
          </p>
          <p
            className="agenda-timer-clock agenda-timer-ready"
            role="timer"
            aria-label="Time planned for the first topic"
          >
            <span className="agenda-timer-clock-label" aria-hidden="true">
              Not started
            </span>{' '}
            <span className="agenda-timer-time">
              {formatClock((reading.next.minutes ?? 0) * 60_000)}
            </span>
          </p>
        </>
      ) : reading.kind === 'idle' || reading.current === null ? (
        <p className="agenda-timer-idle">
          {timer.agenda?.length === 0
            ? 'The agenda has no topics yet.'
            : 'The agenda has no topics left.'}
        </p>
      ) : (
        <>
          <p className="agenda-timer-topic">
            <span className="agenda-timer-label">
              Now{minutes !== null && minutes !== undefined ? ` (${minutes} min)` : ''}:{' '}
            </span>
            <span className="agenda-timer-current">{topicLabel(reading.current)}</span>
          </p>
          <p
            className="agenda-timer-clock"
            role="timer"
            aria-label={overrun ? 'Over time by' : 'Time left'}
          >
            <span className="agenda-timer-clock-label" aria-hidden="true">
              {overrun ? 'Over by' : 'Left'}
            </span>{' '}
            <span
              className="agenda-timer-time"
              data-remaining-ms={reading.remainingMs}
              data-overrun-ms={reading.overrunMs}
            >
              {formatClock(overrun ? reading.overrunMs : reading.remainingMs)}
            </span>
            {reading.kind === 'paused' && <span className="agenda-timer-paused"> Paused</span>}
          </p>
          <p className="agenda-timer-next">
            <span className="agenda-timer-label">Next: </span>
            {reading.next === null ? 'End of the agenda' : topicLabel(reading.next)}
          </p>
          {reading.topicReplaced && (
            <p className="agenda-timer-note">
              The topic in progress was removed from the agenda; the timer moved to the one in its
              place.
            </p>
          )}
        </>
      )}
      {!readOnly && timer.agenda !== null && <TimerControls timer={timer} variant={variant} />}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

/** The words to announce: set when the topic changes (not on first render, not on ticks). */
function useTopicAnnouncement(timer: AgendaTimer): string {
  const [announcement, setAnnouncement] = useState('');
  const key = timer.reading.current === null ? null : `${timer.reading.current.rowId}`;
  const previous = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (previous.current !== undefined && previous.current !== key) {
      const { current, remainingMs } = timer.reading;
      setAnnouncement(
        current === null
          ? 'The agenda timer stopped.'
          : `Now: ${topicLabel(current)}, ${Math.round(remainingMs / 60_000)} minutes.`,
      );
    }
    previous.current = key;
  }, [key, timer.reading]);
  return announcement;
}
