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
  /** Called with the text after every change, own or remote, for a field whose render needs it. */
  readonly onValue?: (value: string) => void;
}

/** How many lines a text has. */
function countLines(text: string): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/**
 * Binds an uncontrolled <input> or <textarea> to a Y.Text (see text-field-binding.ts) and returns
 * how many lines it shows (a textarea's height): the field renders again only when that changes,
 * not at every keystroke. The field must be rendered
 * with `defaultValue`, never `value`: React setting the value from a re-read of the document would
 * be a step behind a fast typist and throw away their letters and their caret.
 */
export function useTextField(
  ref: RefObject<HTMLInputElement | HTMLTextAreaElement | null>,
  source: TextFieldSource,
): number {
  const { text } = source;
  const [lines, setLines] = useState(() => countLines(text?.toString() ?? source.fallback ?? ''));
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
        onChange: (value) => {
          setLines(countLines(value));
          latest.current.onValue?.(value);
        },
      }));
    if (text !== null) {
      if (field.value !== text.toString()) field.value = text.toString();
      bind(text);
      setLines(countLines(text.toString()));
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
      setLines(countLines(field.value));
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
      setLines(countLines(source.fallback));
    }
  }, [ref, text, source.fallback]);

  return lines;
}
