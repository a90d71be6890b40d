import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { memo } from 'react';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { Person } from '../sync/user-identity.ts';
import { NoteToolbar } from './note-toolbar.tsx';

interface NoteSectionProps {
  readonly fragment: Y.XmlFragment;
  readonly provider: WebsocketProvider;
  readonly person: Person;
  readonly readOnly: boolean;
  readonly headingId: string;
}

/**
 * Rich text bound to the section's Y.XmlFragment. Undo is Yjs's (from the Collaboration
 * extension), so it undoes only this person's changes, never someone else's.
 */
export const NoteSection = memo(function NoteSection({ fragment, provider, person, readOnly, headingId }: NoteSectionProps) {
  const editor = useEditor(
    {
      extensions: [
        // No trailing node: every client that opened a note would append its own empty paragraph, and
        // merging would keep them all (and a viewer, whose edits the relay refuses, would never be in sync).
        StarterKit.configure({ undoRedo: false, trailingNode: false, link: { openOnClick: false } }),
        Collaboration.configure({ fragment }),
        CollaborationCaret.configure({ provider, user: person }),
      ],
      editable: !readOnly,
      editorProps: { attributes: { 'aria-labelledby': headingId, 'aria-multiline': 'true', role: 'textbox', class: 'note-editor' } },
    },
    [fragment, readOnly],
  );
  return (
    <div className="note-section">
      {!readOnly && editor !== null && <NoteToolbar editor={editor} label={`Formatting`} />}
      <EditorContent editor={editor} />
    </div>
  );
});
