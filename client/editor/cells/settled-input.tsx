import { useId, useState, type InputHTMLAttributes } from 'react';

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

export type SettledType = 'date' | 'time' | 'number' | 'text';

interface SettledInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'onChange' | 'defaultValue'> {
  readonly type: SettledType;
  /** The stored value as the field writes it ("2027-03-15", "15:30", "12"), or '' for none. */
  readonly stored: string;
  /** Stores a whole value, or null once the person has emptied the field; returns why it was not stored, if it was not. */
  readonly onCommit: (value: string | null) => string | null;
}

/**
 * A date, time or number field that stores a value only when it is whole and valid, never a
 * half-typed one. While the person works in it the field shows their draft; leaving it shows
 * what is stored again (the last whole value they typed, or what others wrote).
 */
export function SettledInput({ type, stored, onCommit, onBlur, ...rest }: SettledInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  // Why the value typed is not stored (a fraction of a minute): marked on the field, read out with it.
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();
  return (
    <>
      <input
        {...rest}
        type={type}
        value={draft ?? stored}
        aria-invalid={problem !== null ? true : undefined}
        aria-describedby={problem !== null ? problemId : undefined}
        title={problem ?? undefined}
        onChange={(event) => {
          const { value, validity } = event.currentTarget;
          setDraft(value);
          // An empty value with bad input is a half-filled field (a date missing its year), not a cleared one.
          if (value === '' && !validity.badInput) setProblem(stored !== '' ? onCommit(null) : null);
          else if (COMPLETE[type](value)) setProblem(value !== stored ? onCommit(value) : null);
        }}
        onBlur={(event) => {
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
