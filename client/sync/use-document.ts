import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readDocument, type DocumentView, type Problem } from '#core/schema';
import type { DocumentSession, SyncStatus } from './document-session.ts';
import { DocumentViewReader, type PageView } from '#core/schema/document-view';
import { useDocRead } from './use-doc-read.ts';

export function useSyncStatus(session: DocumentSession): SyncStatus {
  return useSyncExternalStore(session.subscribe, session.getStatus);
}

/**
 * Only what the page layout depends on: whether the local copy is open yet and whether the link
 * still works. The status itself flips between "Syncing…" and "All changes synced" with every
 * keystroke; only the status indicator follows that, not the whole page.
 */
export type SessionPhase = 'loading' | 'open' | 'link-invalid';

export function useSessionPhase(session: DocumentSession): SessionPhase {
  return useSyncExternalStore(session.subscribe, () => {
    const kind = session.getStatus().kind;
    return kind === 'loading' || kind === 'link-invalid' ? kind : 'open';
  });
}

/**
 * The document as the page shows it, brought up to date at most once per frame, and only where
 * a change landed (see DocumentViewReader): many remote keystrokes in one frame cost one read.
 */
export function useDocumentView(doc: Y.Doc): PageView {
  const reader = useMemo(() => new DocumentViewReader(doc), [doc]);
  const [view, setView] = useState(() => reader.read());
  useEffect(() => {
    let frame: number | null = null;
    const onTransaction = (transaction: Y.Transaction): void => {
      if (!reader.noteTransaction(transaction) || frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        setView(reader.read());
      });
    };
    doc.on('afterTransaction', onTransaction);
    reader.catchUp();
    setView(reader.read());
    return () => {
      doc.off('afterTransaction', onTransaction);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [doc, reader]);
  return view;
}

/**
 * The whole document, notes included, read again at most once per frame after any change: for
 * the views that show everything at once (projector, print, history), not for the editing page.
 */
export function useWholeDocument(doc: Y.Doc): { view: DocumentView; problems: readonly Problem[] } {
  const read = useDocRead(doc, readDocument);
  return { view: read.value, problems: read.problems };
}
