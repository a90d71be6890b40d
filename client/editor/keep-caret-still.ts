import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

/** The part of y-tiptap's binding replaced here (a method it calls on every remote change). */
interface CursorViewCheck {
  _isLocalCursorInView: () => boolean;
}

/**
 * Where the caret was in the page before the frame's first remote change, or why it is left
 * alone. In page coordinates, so that the person's own scrolling in the meantime is not undone.
 */
type Anchor = { readonly pageTop: number } | 'leave';

function caretTop(view: EditorView): number | null {
  try {
    return view.coordsAtPos(view.state.selection.head).top;
  } catch {
    return null;
  }
}

/**
 * Keeps this person's caret where it is on the screen while others' changes to the same note
 * land above it. y-tiptap did it for every remote change, with two forced layouts each (is the
 * caret on screen? then scroll it into view): with 30 people typing, a few milliseconds of every
 * keystroke. Here the caret's place is read before the first remote change of a frame (when the
 * page is usually laid out already) and restored once, just before that frame is drawn.
 */
export const KeepCaretStill = Extension.create({
  name: 'keepCaretStill',
  onCreate() {
    const binding = (
      ySyncPluginKey.getState(this.editor.state) as { binding?: CursorViewCheck } | undefined
    )?.binding;
    if (binding !== undefined) binding._isLocalCursorInView = () => false;
  },
  addProseMirrorPlugins() {
    let view: EditorView | null = null;
    let anchor: Anchor | null = null;
    let frame: number | null = null;
    const restore = (): void => {
      frame = null;
      const before = anchor;
      anchor = null;
      if (view === null || before === null || before === 'leave' || !view.hasFocus()) return;
      const after = caretTop(view);
      if (after === null) return;
      const moved = after + window.scrollY - before.pageTop;
      if (Math.abs(moved) >= 1) window.scrollBy(0, moved);
    };
    return [
      new Plugin({
        key: new PluginKey('keepCaretStill'),
        view(editorView) {
          view = editorView;
          return {
            destroy() {
              view = null;
              if (frame !== null) cancelAnimationFrame(frame);
            },
          };
        },
        // Runs before the change reaches the page, so the caret is read where it was.
        filterTransaction(transaction) {
          if (view === null || !transaction.docChanged) return true;
          // This person's own typing moves the caret as it should; that frame keeps the scroll as it is.
          if (!isChangeOrigin(transaction)) {
            if (anchor !== null) anchor = 'leave';
            return true;
          }
          if (anchor !== null || !view.hasFocus()) return true;
          const top = caretTop(view);
          anchor =
            top !== null && top >= 0 && top <= window.innerHeight
              ? { pageTop: top + window.scrollY }
              : 'leave';
          frame = requestAnimationFrame(restore);
          return true;
        },
      }),
    ];
  },
});
