import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';

/**
 * The note schema's extensions, shared by the editor and the static rendering so both show the
 * same nodes. No trailing node: every client that opened a note would append its own empty
 * paragraph, and merging would keep them all (and a viewer, whose edits the relay refuses,
 * would never be in sync). No undo/redo: the Collaboration extension's undo is per person.
 */
export function noteStarterKit() {
  return StarterKit.configure({ undoRedo: false, trailingNode: false, link: { openOnClick: false } });
}

let schema: Schema | null = null;

/** The ProseMirror schema those extensions make: what a note may hold, for rendering and checks without an editor. */
export function noteSchema(): Schema {
  return (schema ??= getSchema([noteStarterKit()]));
}
