import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/**
 * Tiptap's autolink looks at every change to the document: other people's keystrokes, and the
 * whole note when its editor starts. It would link URLs that somebody else typed a second time
 * here (every open copy adding the same mark), and it tokenises each of those changes, which on
 * the first one builds linkify's tables (tens of milliseconds, while the document opens). Only
 * this person's own typing is autolinked: changes Yjs applies are marked `preventAutolink`.
 */
export const AutolinkOwnTyping = Extension.create({
  name: 'autolinkOwnTyping',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('autolinkOwnTyping'),
        // Runs before any appendTransaction sees the transaction; it only adds a flag.
        filterTransaction: (transaction) => {
          if (isChangeOrigin(transaction)) transaction.setMeta('preventAutolink', true);
          return true;
        },
      }),
    ];
  },
});
