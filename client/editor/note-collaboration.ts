import Collaboration from '@tiptap/extension-collaboration';
import type { EditorState, Plugin } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

/**
 * Tiptap's Collaboration, except that y-tiptap's sync plugin writes the note to Yjs only after a
 * transaction that changed the note. It compared the whole note with its Y.XmlFragment after
 * every transaction, a caret redraw's too (others' carets move many times a second while they
 * type). A transaction that leaves the document as it was (the same immutable node) has nothing
 * to write.
 */
export const NoteCollaboration = Collaboration.extend({
  addProseMirrorPlugins() {
    const plugins = (this.parent?.() ?? []) as Plugin[];
    const sync = plugins.find((plugin) => plugin.spec.key === ySyncPluginKey);
    const createView = sync?.spec.view;
    if (sync !== undefined && createView !== undefined) {
      sync.spec.view = (view: EditorView) => {
        const pluginView = createView(view);
        return {
          ...pluginView,
          update: (updated: EditorView, previous: EditorState) => {
            if (previous.doc !== updated.state.doc) pluginView.update?.(updated, previous);
          },
        };
      };
    }
    return plugins;
  },
});
