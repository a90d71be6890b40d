/**
 * The smallest single edit that turns `before` into `after`: one deletion and one insertion at
 * the same index. An input element only tells us its new value; applying this edit to the cell's
 * Y.Text (rather than replacing its content) is what lets two people type in one cell and both
 * keep their characters.
 */
export interface TextEdit {
  readonly index: number;
  readonly deleteCount: number;
  readonly insert: string;
}

export function diffText(before: string, after: string, caret?: number): TextEdit | null {
  if (before === after) return null;
  const maxPrefix = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // Typing "a" into "aa" is ambiguous; the caret (just after the insertion) settles where it went.
  if (caret !== undefined && after.length > before.length)
    prefix = Math.min(prefix, Math.max(0, caret - (after.length - before.length)));
  let suffix = 0;
  const maxSuffix = Math.min(before.length, after.length) - prefix;
  while (
    suffix < maxSuffix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}
