import { Extension } from '@tiptap/core';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

type TypeObserver = (
  events: Y.YEvent<Y.AbstractType<unknown>>[],
  transaction: Y.Transaction,
) => void;

/** The parts of y-tiptap's binding used here. */
interface SyncBinding {
  type: Y.XmlFragment;
  prosemirrorView: unknown;
  mapping: Map<unknown, unknown>;
  _observeFunction: TypeObserver;
}

interface SyncState {
  binding?: SyncBinding;
  snapshot?: unknown;
  prevSnapshot?: unknown;
}

/**
 * Lets y-tiptap keep the ProseMirror nodes of the paragraphs others' changes did not touch. At
 * each remote change of a note, y-tiptap 3.0.9 first forgets the nodes of the changed parts and
 * their parents, then clears its whole Y-to-ProseMirror mapping and builds every node of the
 * note again, which the view then compares with the old ones: with 30 people typing, most of the
 * page's script time in a large note. Here the clearing is skipped during that rebuild, so only
 * what changed (and its parents, up to the note) is built again, as in y-prosemirror before.
 */
export const ReuseUnchangedNodes = Extension.create({
  name: 'reuseUnchangedNodes',
  onCreate() {
    const state = ySyncPluginKey.getState(this.editor.state) as SyncState | undefined;
    const binding = state?.binding;
    if (binding === undefined) return;
    const typeChanged = binding._observeFunction;
    const editor = this.editor;
    const keepingNodes: TypeObserver = (events, transaction) => {
      const now = ySyncPluginKey.getState(editor.state) as SyncState | undefined;
      // A version being shown is drawn by y-tiptap as it always is.
      if (now?.snapshot != null || now?.prevSnapshot != null)
        return typeChanged(events, transaction);
      const mapping = binding.mapping;
      // An own property hides Map.prototype.clear for this one call.
      mapping.clear = () => undefined;
      try {
        typeChanged(events, transaction);
      } finally {
        delete (mapping as { clear?: unknown }).clear;
      }
    };
    // The binding observes the note once its view is ready, through this field.
    const observing = binding.prosemirrorView != null;
    if (observing) binding.type.unobserveDeep(typeChanged);
    binding._observeFunction = keepingNodes;
    if (observing) binding.type.observeDeep(keepingNodes);
  },
});
