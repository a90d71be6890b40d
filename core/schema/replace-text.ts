import type * as Y from 'yjs';

/**
 * Makes a Y.Text hold `value` by one deletion and one insertion around the longest common start
 * and end, so someone typing in the text at the same time keeps their letters and their caret.
 * Call inside a transaction when it goes with other changes.
 */
export function replaceText(text: Y.Text, value: string): void {
  const before = text.toString();
  if (before === value) return;
  const shortest = Math.min(before.length, value.length);
  let prefix = 0;
  while (prefix < shortest && before[prefix] === value[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before[before.length - 1 - suffix] === value[value.length - 1 - suffix]
  )
    suffix++;
  if (before.length - prefix - suffix > 0) text.delete(prefix, before.length - prefix - suffix);
  if (value.length - prefix - suffix > 0)
    text.insert(prefix, value.slice(prefix, value.length - suffix));
}
