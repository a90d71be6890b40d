import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { yCursorPluginKey, ySyncPluginKey } from '@tiptap/y-tiptap';
import type { NoteCaretsAwareness } from './note-carets-awareness.ts';

interface CaretsDrawnAtOnceOptions {
  readonly carets: NoteCaretsAwareness | null;
}

/**
 * Redraws a note's carets in the task that hears of others' caret moves. y-tiptap queues the
 * redraw in a timer task of its own, which Chromium may run after the next frame: the carets
 * then changed the page after that frame, and a frame of their own followed between two of this
 * person's keystrokes. The transaction is the one y-tiptap's queue dispatches.
 */
export const CaretsDrawnAtOnce = Extension.create<CaretsDrawnAtOnceOptions>({
  name: 'caretsDrawnAtOnce',
  addOptions() {
    return { carets: null };
  },
  addProseMirrorPlugins() {
    const carets = this.options.carets;
    if (carets === null) return [];
    return [
      new Plugin({
        key: new PluginKey('caretsDrawnAtOnce'),
        view(view) {
          const draw = (): void => {
            const sync = ySyncPluginKey.getState(view.state) as
              { binding?: { isDestroyed?: boolean } } | undefined;
            if (view.isDestroyed || sync?.binding === undefined || sync.binding.isDestroyed) return;
            view.dispatch(view.state.tr.setMeta(yCursorPluginKey, { awarenessUpdated: true }));
          };
          carets.drawCaretsWith(draw);
          return { destroy: () => carets.drawCaretsWith(null) };
        },
      }),
    ];
  },
});
