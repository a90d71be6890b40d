import { useId, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { parseThreshold } from '#core/metrics';
import { writeSmallCellThreshold } from '#core/schema';

/** Where the team sets how small a count must be to read "fewer than N" outside the team. */
export function SmallCellSetting({
  doc,
  threshold,
}: {
  readonly doc: Y.Doc;
  readonly threshold: number;
}) {
  const inputId = useId();
  const hintId = useId();
  const [draft, setDraft] = useState(String(threshold));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const value = parseThreshold(draft);
    if (value === null || !writeSmallCellThreshold(doc, value)) {
      setError('Enter a whole number of students, for example 10 (0 shows every count).');
      setSaved(false);
      return;
    }
    setError(null);
    setSaved(true);
  };

  return (
    <form className="small-cell-setting" onSubmit={save}>
      <label htmlFor={inputId}>Small-cell threshold</label>
      <p id={hintId} className="data-view-note">
        In exports and on view-only links, counts of fewer than this many students read “fewer than{' '}
        {threshold}”; rates made from them, and counts that would give one away by difference, read
        “suppressed”. Now {threshold}.
      </p>
      <input
        id={inputId}
        inputMode="numeric"
        size={5}
        value={draft}
        aria-describedby={error === null ? hintId : `${hintId} ${inputId}-error`}
        aria-invalid={error !== null}
        onChange={(event) => {
          setDraft(event.currentTarget.value);
          setSaved(false);
        }}
      />{' '}
      <button type="submit">Save threshold</button>
      <span role="status">{saved && ` Saved: ${threshold}.`}</span>
      {error !== null && (
        <p id={`${inputId}-error`} className="error">
          {error}
        </p>
      )}
    </form>
  );
}
