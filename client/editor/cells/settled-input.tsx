import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from 'react';

/**
 * What counts as a whole value of each field type. A browser date field reports a valid date as
 * soon as every part holds a digit, so typing 03152027 passes through 0002-03-15, 0020-03-15 and
 * 0202-03-15 before 2027-03-15: a year is taken once it has four digits.
 */
const COMPLETE: Record<SettledType, (value: string) => boolean> = {
  date: (value) => /^[1-9]\d{3}-\d{2}-\d{2}$/.test(value),
  time: (value) => /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value),
  number: (value) => value.trim() !== '' && Number.isFinite(Number(value)),
  // Free text (a date such as "Beginning of next semester") is whole at every keystroke; the draft
  // only keeps a re-read of the document that lags behind a fast typist from taking letters back.
  text: () => true,
};

/**
 * How long typing pauses before a date or time is stored. A time field holding 10:30 reports
 * 08:30, then 08:01, then 08:15 as "0815" is typed over it (a date field does the same with its
 * month and day): each is whole, none is the one meant, so these wait for the person to stop,
 * leave the field or press Enter. Numbers and text are stored as typed. After such a pause every
 * field shows what is stored again (see `settle`).
 */
const SETTLE_MS = 700;
const SETTLES: Record<SettledType, boolean> = {
  date: true,
  time: true,
  number: false,
  text: false,
};

export type SettledType = 'date' | 'time' | 'number' | 'text';

interface SettledInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'value' | 'onChange' | 'defaultValue'
> {
  readonly type: SettledType;
  /** The stored value as the field writes it ("2027-03-15", "15:30", "12"), or '' for none. */
  readonly stored: string;
  /** Stores a whole value, or null once the person has emptied the field; returns why it was not stored, if it was not. */
  readonly onCommit: (value: string | null) => string | null;
}

/**
 * A date, time or number field that stores a value only when it is whole and valid, never a
 * half-typed one. While the person works in it the field shows their draft, so someone else's
 * change arriving meanwhile does not reset the parts already typed; leaving it shows what is
 * stored again (the last whole value stored wins, on every device alike).
 */
export function SettledInput({
  type,
  stored,
  onCommit,
  onBlur,
  onKeyDown,
  ...rest
}: SettledInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  // Why the value typed is not stored (a fraction of a minute): marked on the field, read out with it.
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();
  const timer = useRef<number | null>(null);
  const latest = useRef({ stored, onCommit });
  latest.current = { stored, onCommit };
  // The field being typed in, kept past its removal: a value still settling when the field goes
  // away (its row removed or scrolled out of a long table) is stored, not lost.
  const typedIn = useRef<HTMLInputElement | null>(null);

  const commit = (field: HTMLInputElement): string | null => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const { value, validity } = field;
    const { stored: current, onCommit: store } = latest.current;
    // An empty value with bad input is a half-filled field (a date missing its year), not a cleared one.
    if (value === '' && !validity.badInput) return current !== '' ? store(null) : null;
    if (COMPLETE[type](value)) return value !== current ? store(value) : null;
    return null;
  };
  /**
   * Once what the person typed is stored (or was already), the field shows the stored value again
   * though it keeps the focus: someone else may have stored theirs at the same moment, and the
   * last whole value stored wins on every page alike, so this page must show it too instead of a
   * draft nobody else sees. A half-typed value stays as typed, for the person to finish.
   */
  const settle = (field: HTMLInputElement): void => {
    const problem = commit(field);
    setProblem(problem);
    const { value, validity } = field;
    const whole = value === '' ? !validity.badInput : COMPLETE[type](value);
    if (problem === null && whole) setDraft(null);
  };
  useEffect(
    () => () => {
      if (timer.current !== null && typedIn.current !== null) commit(typedIn.current);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on unmount only; `commit` reads the latest props through refs
    [],
  );

  return (
    <>
      <input
        {...rest}
        type={type}
        value={draft ?? stored}
        aria-invalid={problem !== null ? true : undefined}
        aria-describedby={
          problem !== null
            ? [rest['aria-describedby'], problemId].filter(Boolean).join(' ')
            : rest['aria-describedby']
        }
        title={problem ?? undefined}
        onChange={(event) => {
          const field = event.currentTarget;
          typedIn.current = field;
          setDraft(field.value);
          // Stored at once, but shown as typed until the person pauses: a value someone else
          // stores meanwhile would otherwise land in the field between two of their keys.
          if (!SETTLES[type]) setProblem(commit(field));
          if (timer.current !== null) window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => settle(field), SETTLE_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && timer.current !== null) settle(event.currentTarget);
          onKeyDown?.(event);
        }}
        onBlur={(event) => {
          if (timer.current !== null) commit(event.currentTarget);
          setDraft(null);
          setProblem(null);
          onBlur?.(event);
        }}
      />
      {problem !== null && (
        <span id={problemId} className="visually-hidden">
          Not saved: {problem}
        </span>
      )}
    </>
  );
}
