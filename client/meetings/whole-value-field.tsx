import { useEffect, useRef, useState } from 'react';

/** A browser date field reports 0002-03-15 while the year is typed digit by digit: a year counts once it has four. */
const WHOLE: Record<'date' | 'time', RegExp> = { date: /^[1-9]\d{3}-\d{2}-\d{2}$/, time: /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/ };

/**
 * How long typing pauses before a value is stored. A time field that holds 10:30 reports 08:30,
 * then 08:01, then 08:15 as "0815" is typed over it: each is a valid time, none is the one meant,
 * so a value is taken once the person stops (or leaves the field, or presses Enter).
 */
const SETTLE_MS = 700;

interface WholeValueFieldProps {
  readonly id: string;
  readonly type: 'date' | 'time';
  /** What is stored, or '' for nothing of the school's own. */
  readonly stored: string;
  readonly readOnly: boolean;
  readonly describedBy: string;
  /** Stores a whole value, or null once the person emptied the field. */
  readonly onCommit: (value: string | null) => void;
}

/**
 * A time or date the school sets: only settled, whole values are stored (a time is one value, not
 * text to merge), and while the person works in the field it shows their draft, so someone
 * else's change arriving mid-typing does not reset the parts they already typed. Leaving the
 * field shows what is stored: the last whole value stored wins, on every device alike.
 */
export function WholeValueField({ id, type, stored, readOnly, describedBy, onCommit }: WholeValueFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  const latest = useRef({ stored, onCommit });
  latest.current = { stored, onCommit };

  const commit = (field: HTMLInputElement): void => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const { value, validity } = field;
    // An empty value with bad input is a half-filled field (a date missing its year), not a cleared one.
    if (value === '' && !validity.badInput) {
      if (latest.current.stored !== '') latest.current.onCommit(null);
    } else if (WHOLE[type].test(value)) {
      const whole = type === 'time' ? value.slice(0, 5) : value;
      if (whole !== latest.current.stored) latest.current.onCommit(whole);
    }
  };
  // The field being typed in, kept past its removal: a value still settling when the field goes
  // away (the meeting dropped meanwhile) is stored, not lost.
  const typedIn = useRef<HTMLInputElement | null>(null);
  useEffect(() => () => {
    if (timer.current !== null && typedIn.current !== null) commit(typedIn.current);
  }, []);

  return (
    <input
      id={id}
      type={type}
      value={draft ?? stored}
      readOnly={readOnly}
      aria-describedby={describedBy}
      onChange={(event) => {
        const field = event.currentTarget;
        typedIn.current = field;
        setDraft(field.value);
        if (timer.current !== null) window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => commit(field), SETTLE_MS);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit(event.currentTarget);
      }}
      onBlur={(event) => {
        if (timer.current !== null) commit(event.currentTarget);
        setDraft(null);
      }}
    />
  );
}
