import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import {
  memo,
  startTransition,
  useEffect,
  useMemo,
  useRef,
  useState,
  type MutableRefObject,
} from 'react';
import { createPortal } from 'react-dom';
import type * as Y from 'yjs';
import type { FrameAwareness } from '../sync/frame-awareness.ts';
import type { Person } from '../sync/user-identity.ts';
import { AutolinkOwnTyping } from './autolink-own-typing.ts';
import { KeepCaretStill } from './keep-caret-still.ts';
import { NoteCaretsAwareness } from './note-carets-awareness.ts';
import { NoteCollaboration } from './note-collaboration.ts';
import { NoteErrorBoundary } from './note-error-boundary.tsx';
import { noteStarterKit } from './note-schema.ts';
import { NoteToolbar } from './note-toolbar.tsx';
import type { FocusRequest } from './focus-request.ts';
import { StaticNote } from './static-note.tsx';
import { useNoteFitsSchema } from './use-note-fits-schema.ts';
import './note-section.css';

interface NoteSectionProps {
  readonly fragment: Y.XmlFragment;
  /** The session's awareness, announcing changes once per frame (carets of everyone here). */
  readonly awareness: FrameAwareness;
  readonly person: Person;
  readonly readOnly: boolean;
  readonly headingId: string;
  /** Start the editor in the first render: the note the page opens on. */
  readonly startLive?: boolean;
}

/** How far outside the window a note starts its editor, so scrolling rarely meets a static one. */
const NEAR_PX = 800;
const NEAR_VIEWPORT = `${NEAR_PX}px 0px`;

/**
 * A note section. Its editor (Tiptap, bound to the section's Y.XmlFragment) starts when the note
 * comes near the window or gets focus; until then the note shows the same text rendered
 * statically, kept current. A document with many notes opens without building every editor,
 * and a keystroke of someone in a note far away costs no editor work.
 */
export const NoteSection = memo(function NoteSection({
  startLive = false,
  ...props
}: NoteSectionProps) {
  const [live, setLive] = useState(startLive);
  const [focusAt, setFocusAt] = useState<FocusRequest | null>(null);
  const placeholder = useRef<HTMLDivElement>(null);
  // A note outside the schema (from a hostile or broken client) is shown as text, never edited.
  const { fits, stopEditor } = useNoteFitsSchema(props.fragment);

  // Notes near the window start their editors after the first paint, one render slice each
  // (a transition), so the first screen and the person's typing are not held back by them.
  useEffect(() => {
    const element = placeholder.current;
    if (live || !fits || element === null) return;
    if (typeof IntersectionObserver === 'undefined') {
      setLive(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) =>
        entries.some((entry) => entry.isIntersecting) && startTransition(() => setLive(true)),
      { rootMargin: NEAR_VIEWPORT },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [live, fits]);

  const asText = (
    <div className="note-section" ref={placeholder}>
      <p className="note-outside-schema" role="note">
        Part of this note was saved in a form this version of Pathways cannot edit, so it is shown
        as plain text.
      </p>
      <StaticNote
        fragment={props.fragment}
        headingId={props.headingId}
        readOnly
        onActivate={() => {}}
      />
    </div>
  );
  if (!fits) return asText;
  if (live) {
    return (
      <NoteErrorBoundary fallback={asText}>
        <LiveNote {...props} focusAt={focusAt} stopEditor={stopEditor} />
      </NoteErrorBoundary>
    );
  }
  return (
    <div className="note-section" ref={placeholder}>
      <StaticNote
        fragment={props.fragment}
        headingId={props.headingId}
        readOnly={props.readOnly}
        onActivate={(request) => {
          setFocusAt(request);
          setLive(true);
        }}
      />
    </div>
  );
});

/**
 * Rich text bound to the section's Y.XmlFragment. Undo is Yjs's (from the Collaboration
 * extension), so it undoes only this person's changes, never someone else's.
 */
interface LiveNoteProps extends NoteSectionProps {
  readonly focusAt: FocusRequest | null;
  /** Set to what stops this editor at once, for a change that takes the note outside the schema. */
  readonly stopEditor: MutableRefObject<(() => void) | null>;
}

function LiveNote({
  fragment,
  awareness,
  person,
  readOnly,
  headingId,
  focusAt,
  stopEditor,
}: LiveNoteProps) {
  // Only changes about carets in this note redraw its carets (it listens only while the editor does).
  const caretsAwareness = useMemo(
    () => new NoteCaretsAwareness(awareness, fragment),
    [awareness, fragment],
  );
  const editor = useEditor(
    {
      extensions: [
        noteStarterKit(),
        AutolinkOwnTyping,
        NoteCollaboration.configure({ fragment }),
        KeepCaretStill,
        CollaborationCaret.configure({ provider: { awareness: caretsAwareness }, user: person }),
      ],
      editable: !readOnly,
      editorProps: {
        attributes: {
          'aria-labelledby': headingId,
          'aria-multiline': 'true',
          role: 'textbox',
          class: 'note-editor',
        },
      },
    },
    [fragment, readOnly],
  );
  useEffect(() => {
    if (editor === null) return;
    stopEditor.current = () => editor.destroy();
    return () => {
      stopEditor.current = null;
    };
  }, [editor, stopEditor]);
  const focused = useRef(false);
  useEffect(() => {
    if (editor === null || focusAt === null || focused.current || readOnly) return;
    focused.current = true;
    const position =
      focusAt.x === null || focusAt.y === null
        ? null
        : (editor.view.posAtCoords({ left: focusAt.x, top: focusAt.y })?.pos ?? null);
    editor.commands.focus(position ?? 'start');
  }, [editor, focusAt, readOnly]);
  // One formatting toolbar on the page: the note being edited shows it, floating at the bottom of
  // the window (no text moves when it appears). It is drawn in <body>, outside the section, whose
  // content-visibility would otherwise pin a fixed element to the section.
  const [editing, setEditing] = useState(false);
  const toolbar = useRef<HTMLDivElement>(null);
  const inside = (target: EventTarget | null): boolean =>
    target instanceof Node && toolbar.current?.contains(target) === true;
  return (
    <div
      className="note-section"
      onFocus={() => setEditing(true)}
      onBlur={(event) => {
        if (
          !(
            event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)
          ) &&
          !inside(event.relatedTarget)
        )
          setEditing(false);
      }}
    >
      <EditorContent editor={editor} />
      {!readOnly &&
        editor !== null &&
        editing &&
        createPortal(
          <div ref={toolbar} className="note-toolbar-dock">
            <NoteToolbar editor={editor} label="Formatting" />
          </div>,
          document.body,
        )}
    </div>
  );
}
