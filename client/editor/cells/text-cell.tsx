import { useRef } from 'react';
import type * as Y from 'yjs';
import { useTextField } from '../use-text-field.ts';

interface TextCellProps {
  readonly label: string;
  /** The cell's Y.Text, or null when it does not exist yet (created on the first keystroke). */
  readonly text: Y.Text | null;
  readonly ensureText: () => Y.Text | null;
  readonly multiline: boolean;
  readonly readOnly: boolean;
  readonly onFocus: () => void;
  readonly onBlur: () => void;
}

/** A text or person cell bound to its Y.Text, so two people typing in it each keep their words. */
export function TextCell({
  label,
  text,
  ensureText,
  multiline,
  readOnly,
  onFocus,
  onBlur,
}: TextCellProps) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const initial = useRef(text?.toString() ?? '');
  const lines = useTextField(ref, { text, ensureText });

  const common = {
    ref,
    'aria-label': label,
    defaultValue: initial.current,
    readOnly,
    onFocus,
    onBlur,
    className: 'cell-input',
  };
  return multiline ? (
    <textarea {...common} rows={Math.min(8, lines)} />
  ) : (
    <input type="text" {...common} />
  );
}
