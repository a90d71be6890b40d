import { memo, useCallback, useRef } from 'react';
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

/**
 * A text or person cell bound to its Y.Text, so two people typing in it each keep their words.
 * It renders again only when its label, text, shape or line count change, not with its row (whose
 * callbacks are new at every render): React sets an uncontrolled textarea's defaultValue, its text
 * node, at every render, and the row of the cell being typed in renders once per frame.
 */
export const TextCell = memo(
  function TextCell({
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
    const latest = useRef({ ensureText, onFocus, onBlur });
    latest.current = { ensureText, onFocus, onBlur };
    const ensureLatestText = useCallback(() => latest.current.ensureText(), []);
    const lines = useTextField(ref, { text, ensureText: ensureLatestText });

    const common = {
      ref,
      'aria-label': label,
      defaultValue: initial.current,
      readOnly,
      onFocus: useCallback(() => latest.current.onFocus(), []),
      onBlur: useCallback(() => latest.current.onBlur(), []),
      className: 'cell-input',
    };
    return multiline ? (
      <textarea {...common} rows={Math.min(8, lines)} />
    ) : (
      <input type="text" {...common} />
    );
  },
  (before, after) =>
    before.label === after.label &&
    before.text === after.text &&
    before.multiline === after.multiline &&
    before.readOnly === after.readOnly,
);
