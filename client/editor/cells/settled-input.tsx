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

/** Keys that change a field's parts: a character, deleting one, or stepping a part up or down. */
const EDITING_KEY = /^(.|Backspace|Delete|ArrowUp|ArrowDown)$/u;

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
  onFocus,
  onBlur,
  onKeyDown,
  ...rest
}: SettledInputProps) {
  // What the field shows while the person works in it, in place of what is stored; null at rest.
  const [draft, setDraft] = useState<string | null>(null);
  // Why the value typed is not stored (a fraction of a minute): marked on the field, read out with it.
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();
  const timer = useRef<number | null>(null);
  // Whether the person changed the field since it was last stored: only then is there anything to
  // store, and never the value the field showed when they came in, which someone may have replaced.
  const typed = useRef(false);
  const latest = useRef({ stored, onCommit });
  latest.current = { stored, onCommit };
  // The field being typed in, kept past its removal: a value still settling when the field goes
  // away (its row removed or scrolled out of a long table) is stored, not lost.
  const typedIn = useRef<HTMLInputElement | null>(null);

  const commit = (field: HTMLInputElement): string | null => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    if (!typed.current) return null;
    const { value, validity } = field;
    const { stored: current, onCommit: store } = latest.current;
    let problem: string | null;
    // An empty value with bad input is a half-filled field (a date missing its year), not a cleared one.
    if (value === '' && !validity.badInput) problem = current !== '' ? store(null) : null;
    else if (COMPLETE[type](value)) problem = value !== current ? store(value) : null;
    else return null;
    if (problem === null) typed.current = false;
    return problem;
  };
  /**
   * Once the field holds nothing unstored, it shows what is stored again though it keeps the
   * focus: someone else may have stored their value at the same moment, and the last whole value
   * stored wins on every page alike, so this page must show it too rather than a draft nobody else
   * sees. A half-typed value stays as typed, for the person to finish.
   */
  const settle = (field: HTMLInputElement): void => {
    setProblem(commit(field));
    if (!typed.current) setDraft(null);
  };
  const settleLater = (field: HTMLInputElement): void => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => settle(field), SETTLE_MS);
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
        onFocus={(event) => {
          // What the person sees as they come in is what they type into: someone else's value
          // arriving between their click and their first key would have those keys added to it.
          setDraft(event.currentTarget.value);
          settleLater(event.currentTarget);
          onFocus?.(event);
        }}
        onChange={(event) => {
          const field = event.currentTarget;
          typedIn.current = field;
          typed.current = true;
          setDraft(field.value);
          // Stored at once, but shown as typed until the person pauses: a value someone else
          // stores meanwhile would otherwise land in the field between two of their keys.
          if (!SETTLES[type]) setProblem(commit(field));
          settleLater(field);
        }}
        onKeyDown={(event) => {
          const field = event.currentTarget;
          if (event.key === 'Enter' && timer.current !== null) settle(field);
          else if (EDITING_KEY.test(event.key) && !event.ctrlKey && !event.metaKey) {
            // A date's month typed before its year changes no value yet (no change event), but it
            // is the person's: the field keeps it rather than take a value stored meanwhile.
            typedIn.current = field;
            typed.current = true;
            setDraft(field.value);
            settleLater(field);
          }
          onKeyDown?.(event);
        }}
        onBlur={(event) => {
          commit(event.currentTarget);
          typed.current = false;
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
