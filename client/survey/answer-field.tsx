import { nearLimitAnnouncement } from './near-limit.ts';

interface AnswerFieldProps {
  readonly id: string;
  readonly prompt: string;
  readonly value: string;
  readonly max: number;
  readonly error: string | null;
  readonly formErrorId: string | null;
  readonly register: (element: HTMLTextAreaElement | null) => void;
  readonly onChange: (text: string) => void;
}

/** One question: its label, the answer, the error that concerns it and a count of characters. */
export function AnswerField({
  id,
  prompt,
  value,
  max,
  error,
  formErrorId,
  register,
  onChange,
}: AnswerFieldProps) {
  const fieldId = `answer-${id}`;
  const length = value.trim().length;
  const left = max - length;
  const describedBy = [error !== null ? `${fieldId}-error` : null, formErrorId, `${fieldId}-count`]
    .filter((part) => part !== null)
    .join(' ');
  return (
    <div className={`survey-question${error !== null ? ' has-error' : ''}`}>
      <label htmlFor={fieldId}>{prompt}</label>
      <textarea
        id={fieldId}
        ref={register}
        rows={4}
        value={value}
        aria-invalid={error !== null || formErrorId !== null}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      {error !== null && (
        <p id={`${fieldId}-error`} className="form-error">
          {error}
        </p>
      )}
      <p id={`${fieldId}-count`} className={`hint survey-count${left < 0 ? ' over' : ''}`}>
        {length.toLocaleString('en-US')} of {max.toLocaleString('en-US')} characters
      </p>
      <p className="visually-hidden" aria-live="polite">
        {nearLimitAnnouncement(left)}
      </p>
    </div>
  );
}
