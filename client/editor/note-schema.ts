import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
// The one helper, not the export index (which brings every exporter).
import { safeHref } from '#core/export/safe-href';

/**
 * The note schema's extensions, shared by the editor and the static rendering so both show the
 * same nodes. No trailing node: every client that opened a note would append its own empty
 * paragraph, and merging would keep them all (and a viewer, whose edits the relay refuses,
 * would never be in sync). No undo/redo: the Collaboration extension's undo is per person.
 */
export function noteStarterKit() {
  return StarterKit.configure({
    undoRedo: false,
    trailingNode: false,
    link: { openOnClick: false, isAllowedUri: isLinkTarget },
  });
}

/**
 * Links go to web pages and e-mail addresses only, as in the exports and the toolbar: Tiptap's
 * own default also allows other schemes, and its check throws on an href that is not a string,
 * which a hostile client can store.
 */
function isLinkTarget(href: unknown): boolean {
  return typeof href === 'string' && safeHref(href) !== null;
}

let schema: Schema | null = null;

/** The ProseMirror schema those extensions make: what a note may hold, for rendering and checks without an editor. */
export function noteSchema(): Schema {
  return (schema ??= getSchema([noteStarterKit()]));
}
