import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { DOMSerializer } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { useLayoutEffect, useRef } from 'react';
import type * as Y from 'yjs';
import type { FocusRequest } from './note-section.tsx';

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
let serializer: DOMSerializer | null = null;

/** The note's content as DOM, as the editor would render it; an odd fragment renders what it can. */
function renderNote(fragment: Y.XmlFragment): Node {
  schema ??= getSchema([noteStarterKit()]);
  serializer ??= DOMSerializer.fromSchema(schema);
  try {
    return serializer.serializeFragment(yXmlFragmentToProseMirrorRootNode(fragment, schema).content);
  } catch {
    const paragraph = document.createElement('p');
    paragraph.textContent = fragment.toDOM().textContent ?? '';
    return paragraph;
  }
}

/** How long a static note waits to show remote edits: it is a stand-in, usually far from view. */
const REFRESH_MS = 250;

interface StaticNoteProps {
  readonly fragment: Y.XmlFragment;
  readonly headingId: string;
  readonly readOnly: boolean;
  /** The person wants to edit (focused it by keyboard or pointer): start the editor. */
  readonly onActivate: (request: FocusRequest) => void;
}

/**
 * A note's text before its editor starts: the same markup and the same accessible name, kept
 * current with others' edits, and focusable so that keyboard users reach it in order (focusing
 * it starts the editor and moves focus there).
 */
export function StaticNote({ fragment, headingId, readOnly, onActivate }: StaticNoteProps) {
  const ref = useRef<HTMLDivElement>(null);
  const pointer = useRef<FocusRequest>({ x: null, y: null });

  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    element.replaceChildren(renderNote(fragment));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onChange = (): void => {
      timer ??= setTimeout(() => {
        timer = null;
        element.replaceChildren(renderNote(fragment));
      }, REFRESH_MS);
    };
    fragment.observeDeep(onChange);
    return () => {
      fragment.unobserveDeep(onChange);
      if (timer !== null) clearTimeout(timer);
    };
  }, [fragment]);

  return (
    <div
      ref={ref}
      className="note-editor note-static"
      role="textbox"
      aria-labelledby={headingId}
      aria-multiline="true"
      aria-readonly={readOnly ? 'true' : undefined}
      tabIndex={readOnly ? undefined : 0}
      onPointerDown={(event) => {
        pointer.current = { x: event.clientX, y: event.clientY };
      }}
      onFocus={() => !readOnly && onActivate(pointer.current)}
    />
  );
}
