import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { noteFragment } from '../../../../core/schema/note.ts';

/**
 * The load floor: the same stack as the app (React, Tiptap with Collaboration, a stock
 * y-websocket provider, Yjs) and nothing else. It opens the same document from the same relay
 * and shows one note's editor and a status line, which is what the benchmark waits for. No
 * IndexedDB, presence, page chrome, tables or service worker; one script file.
 */
const params = new URLSearchParams(window.location.search);
const relay = params.get('relay')!;
const doc = new Y.Doc();
const provider = new WebsocketProvider(relay, params.get('doc')!, doc, {
  params: { token: params.get('token')! },
});

function Note({ fragment }: { readonly fragment: Y.XmlFragment }) {
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ undoRedo: false, trailingNode: false }),
      Collaboration.configure({ fragment }),
    ],
  });
  return <EditorContent editor={editor} />;
}

function Floor() {
  const [synced, setSynced] = useState(provider.synced);
  useEffect(() => {
    provider.on('sync', setSynced);
    return () => provider.off('sync', setSynced);
  }, []);
  const fragment = synced ? noteFragment(doc, params.get('note')!) : null;
  return (
    <main>
      <p className="status">{synced ? 'All changes synced' : 'Syncing…'}</p>
      {fragment !== null && <Note fragment={fragment} />}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Floor />);
