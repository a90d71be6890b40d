import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { observeText, writeInputValue } from '../text-binding.ts';

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

/** A text or person cell bound to its Y.Text, so two people typing in it merge by character. */
export function TextCell({ label, text, ensureText, multiline, readOnly, onFocus, onBlur }: TextCellProps) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [value, setValue] = useState(() => text?.toString() ?? '');

  useEffect(() => {
    if (text === null) return;
    setValue(text.toString());
    return observeText(text, () => ref.current, setValue);
  }, [text]);

  const onInput = (event: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>): void => {
    const input = event.currentTarget;
    const target = text ?? ensureText();
    if (target === null) return;
    writeInputValue(target, input.value, input.selectionStart ?? undefined);
    setValue(input.value);
  };

  const common = {
    ref,
    'aria-label': label,
    value,
    readOnly,
    onChange: onInput,
    onFocus,
    onBlur,
    className: 'cell-input',
  };
  return multiline ? <textarea {...common} rows={Math.min(8, Math.max(1, value.split('\n').length))} /> : <input type="text" {...common} />;
}
