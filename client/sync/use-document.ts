import { useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readDocument, type DocumentView, type Problem } from '../../core/schema/index.ts';
import type { DocumentSession, SyncStatus } from './document-session.ts';

export function useSyncStatus(session: DocumentSession): SyncStatus {
  return useSyncExternalStore(session.subscribe, session.getStatus);
}

/**
 * The document as plain data, read again after every change, at most once per frame: many
 * remote keystrokes in one frame cost one read.
 */
export function useDocumentView(doc: Y.Doc): { view: DocumentView; problems: readonly Problem[] } {
  const [read, setRead] = useState(() => readDocument(doc));
  useEffect(() => {
    let frame: number | null = null;
    const onUpdate = (): void => {
      if (frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        setRead(readDocument(doc));
      });
    };
    doc.on('update', onUpdate);
    setRead(readDocument(doc));
    return () => {
      doc.off('update', onUpdate);
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [doc]);
  return { view: read.value, problems: read.problems };
}
