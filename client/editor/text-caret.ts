import * as Y from 'yjs';

/**
 * A selection in a Y.Text that survives other people's edits. Each end is a Y.RelativePosition
 * anchored to the letter before it (association -1), as ProseMirror's Yjs binding keeps the
 * caret in a note: a letter someone else inserts right at the caret goes after the caret, so the
 * next key this person presses lands after their own previous letter, and two people typing at
 * the same place each keep their word whole instead of interleaving letters.
 */
export interface SelectionAnchor {
  readonly start: Y.RelativePosition;
  readonly end: Y.RelativePosition;
}

export interface TextSelection {
  readonly start: number;
  readonly end: number;
}

/** Anchors a selection given as indices into the text's current content. */
export function anchorSelection(text: Y.Text, selection: TextSelection): SelectionAnchor {
  const clamp = (index: number): number => Math.max(0, Math.min(text.length, index));
  return {
    start: Y.createRelativePositionFromTypeIndex(text, clamp(selection.start), -1),
    end: Y.createRelativePositionFromTypeIndex(text, clamp(selection.end), -1),
  };
}

/** Where an anchored selection is now; an end whose anchor cannot be found goes to the text's end. */
export function resolveSelection(text: Y.Text, anchor: SelectionAnchor): TextSelection {
  const resolve = (position: Y.RelativePosition): number => {
    const absolute = Y.createAbsolutePositionFromRelativePosition(position, text.doc!);
    return absolute !== null && absolute.type === text
      ? Math.min(absolute.index, text.length)
      : text.length;
  };
  const start = resolve(anchor.start);
  return { start, end: Math.max(start, resolve(anchor.end)) };
}
