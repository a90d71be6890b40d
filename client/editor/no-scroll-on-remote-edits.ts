import { Extension } from '@tiptap/core';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

/** The part of y-tiptap's binding this extension replaces (a method it calls on every remote change). */
interface CursorViewCheck {
  _isLocalCursorInView: () => boolean;
}

/**
 * y-tiptap asks, for every change others make to the note holding the focus, whether this
 * person's caret is on screen (a forced layout) and if so scrolls it into view (a second one):
 * with 30 people typing that was about 2.6 ms of every keystroke here. The browser's scroll
 * anchoring already keeps the text under the caret still while others' lines come and go, so the
 * binding is told the caret is never in view, and remote changes never scroll.
 */
export const NoScrollOnRemoteEdits = Extension.create({
  name: 'noScrollOnRemoteEdits',
  onCreate() {
    const binding = (
      ySyncPluginKey.getState(this.editor.state) as { binding?: CursorViewCheck } | undefined
    )?.binding;
    if (binding !== undefined) binding._isLocalCursorInView = () => false;
  },
});
