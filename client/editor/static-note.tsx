import { useLayoutEffect, useRef } from 'react';
import type * as Y from 'yjs';
import type { FocusRequest } from './focus-request.ts';
import { noteSchema } from './note-schema.ts';
import { renderNote } from './render-note.ts';

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
    element.replaceChildren(renderNote(fragment, noteSchema(), document));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onChange = (): void => {
      timer ??= setTimeout(() => {
        timer = null;
        element.replaceChildren(renderNote(fragment, noteSchema(), document));
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
