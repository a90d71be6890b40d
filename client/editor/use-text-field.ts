import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type * as Y from 'yjs';
import { bindTextField, type TextFieldBinding } from './text-field-binding.ts';

export interface TextFieldSource {
  /** The Y.Text the field edits, or null while it does not exist yet. */
  readonly text: Y.Text | null;
  /** Creates the Y.Text on the first keystroke when `text` is null. */
  readonly ensureText?: () => Y.Text | null;
  /** What the field shows while there is no Y.Text (a plain value an older build wrote). */
  readonly fallback?: string;
  /** Runs inside each of the person's edits' transaction. */
  readonly afterLocalEdit?: () => void;
}

/**
 * Binds an uncontrolled <input> or <textarea> to a Y.Text (see text-field-binding.ts) and returns
 * the text it shows, for what depends on it (a textarea's height). The field must be rendered
 * with `defaultValue`, never `value`: React setting the value from a re-read of the document would
 * be a step behind a fast typist and throw away their letters and their caret.
 */
export function useTextField(
  ref: RefObject<HTMLInputElement | HTMLTextAreaElement | null>,
  source: TextFieldSource,
): string {
  const { text } = source;
  const [value, setValue] = useState(() => text?.toString() ?? source.fallback ?? '');
  const latest = useRef(source);
  latest.current = source;

  useLayoutEffect(() => {
    const field = ref.current;
    if (field === null) return;
    let binding: TextFieldBinding | null = null;
    const bind = (target: Y.Text): TextFieldBinding =>
      (binding = bindTextField(target, field, {
        hasFocus: () => field.ownerDocument.activeElement === field,
        afterLocalEdit: () => latest.current.afterLocalEdit?.(),
        onChange: setValue,
      }));
    if (text !== null) {
      if (field.value !== text.toString()) field.value = text.toString();
      bind(text);
      setValue(text.toString());
    }
    const onInput = (): void => {
      const target =
        binding ??
        (() => {
          const created = latest.current.ensureText?.() ?? null;
          return created === null ? null : bind(created);
        })();
      if (target === null) return;
      target.writeFromField();
      setValue(field.value);
    };
    field.addEventListener('input', onInput);
    return () => {
      field.removeEventListener('input', onInput);
      binding?.destroy();
    };
  }, [ref, text]);

  // An older build's plain value, shown until the first edit creates the Y.Text.
  useLayoutEffect(() => {
    const field = ref.current;
    if (
      text === null &&
      field !== null &&
      source.fallback !== undefined &&
      field.ownerDocument.activeElement !== field &&
      field.value !== source.fallback
    ) {
      field.value = source.fallback;
      setValue(source.fallback);
    }
  }, [ref, text, source.fallback]);

  return value;
}
