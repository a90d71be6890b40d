import type * as Y from 'yjs';
import { diffText, shiftThroughDelta, type TextDelta } from './text-diff.ts';

/** Marks our own edits, so the observer does not move the caret for them. */
export const LOCAL_EDIT = Symbol('local text edit');

/** Applies what an input element now shows to its Y.Text as one minimal edit. */
export function writeInputValue(text: Y.Text, value: string, caret: number | undefined): void {
  const edit = diffText(text.toString(), value, caret);
  if (edit === null) return;
  text.doc!.transact(() => {
    if (edit.deleteCount > 0) text.delete(edit.index, edit.deleteCount);
    if (edit.insert !== '') text.insert(edit.index, edit.insert);
  }, LOCAL_EDIT);
}

/**
 * Keeps an input element showing its Y.Text: on a remote change it sets the new value and moves
 * the selection by the change, so typing in the same cell as someone else is not disrupted.
 */
export function observeText(text: Y.Text, element: () => HTMLInputElement | HTMLTextAreaElement | null, onValue: (value: string) => void): () => void {
  const observer = (event: Y.YTextEvent, transaction: Y.Transaction): void => {
    const input = element();
    const value = text.toString();
    if (transaction.origin === LOCAL_EDIT || input === null) {
      onValue(value);
      return;
    }
    const delta = event.delta as TextDelta;
    const hadFocus = document.activeElement === input;
    const start = shiftThroughDelta(input.selectionStart ?? 0, delta);
    const end = shiftThroughDelta(input.selectionEnd ?? 0, delta);
    input.value = value;
    onValue(value);
    if (hadFocus) input.setSelectionRange(start, end);
  };
  text.observe(observer);
  return () => text.unobserve(observer);
}
