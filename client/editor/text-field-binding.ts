import type * as Y from 'yjs';
import { anchorSelection, resolveSelection, type SelectionAnchor } from './text-caret.ts';
import { diffText } from './text-diff.ts';

/** What the binding needs of an <input> or <textarea>; a plain object in tests. */
export interface TextField {
  value: string;
  readonly selectionStart: number | null;
  readonly selectionEnd: number | null;
  readonly selectionDirection: 'forward' | 'backward' | 'none' | null;
  setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
}

export interface TextFieldOptions {
  /** Whether the person is working in the field now; only then is there a caret to keep. */
  readonly hasFocus: () => boolean;
  /** Runs inside the transaction of each of the person's edits (the title mirrors itself here). */
  readonly afterLocalEdit?: () => void;
  /** Called with the text after every change, the person's own or anyone else's. */
  readonly onChange?: (value: string) => void;
}

export interface TextFieldBinding {
  /** Writes what the field shows now (call on its `input` event) to the Y.Text as one minimal edit. */
  readonly writeFromField: () => void;
  readonly destroy: () => void;
}

/**
 * Binds a text field to a Y.Text, in both directions, keeping the person's caret. The caller
 * makes the field show the text first (or, on a first keystroke, writes what it shows).
 *
 * The field and the text hold the same string between events: the person's input is written at
 * once, and every other change (a remote update, a restore, an undo) is shown at once. So just
 * before any such change (the document's `beforeTransaction`) the field's selection is a true
 * selection in the text; it is anchored there (see text-caret.ts) and put back after, which is
 * what keeps two people typing in one cell from interleaving their letters.
 */
export function bindTextField(
  text: Y.Text,
  field: TextField,
  options: TextFieldOptions,
): TextFieldBinding {
  const doc = text.doc!;
  // Our own edits carry this origin, so neither hook below mistakes them for someone else's.
  const origin = { binding: 'text-field' };
  let anchor: SelectionAnchor | null = null;
  let direction: 'forward' | 'backward' | 'none' = 'none';

  const beforeTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin === origin || !options.hasFocus()) return;
    anchor = anchorSelection(text, {
      start: field.selectionStart ?? 0,
      end: field.selectionEnd ?? 0,
    });
    direction = field.selectionDirection ?? 'none';
  };
  const observer = (_event: Y.YTextEvent, transaction: Y.Transaction): void => {
    const value = text.toString();
    if (transaction.origin !== origin) {
      const kept = anchor === null ? null : resolveSelection(text, anchor);
      if (field.value !== value) field.value = value;
      if (kept !== null && options.hasFocus())
        field.setSelectionRange(kept.start, kept.end, direction);
    }
    options.onChange?.(value);
  };
  const afterTransaction = (): void => {
    anchor = null;
  };
  doc.on('beforeTransaction', beforeTransaction);
  doc.on('afterTransaction', afterTransaction);
  text.observe(observer);

  return {
    writeFromField: () => {
      const edit = diffText(text.toString(), field.value, field.selectionStart ?? undefined);
      if (edit === null) return;
      doc.transact(() => {
        if (edit.deleteCount > 0) text.delete(edit.index, edit.deleteCount);
        if (edit.insert !== '') text.insert(edit.index, edit.insert);
        options.afterLocalEdit?.();
      }, origin);
    },
    destroy: () => {
      doc.off('beforeTransaction', beforeTransaction);
      doc.off('afterTransaction', afterTransaction);
      text.unobserve(observer);
    },
  };
}
