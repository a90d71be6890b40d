import { useEffect, useState } from 'react';
import type { DocumentSession } from './document-session.ts';
import { claimSession } from './open-session.ts';

/** Opens a document session for the page's lifetime (or takes the one opened early) and closes it when the page goes. */
export function useDocumentSession(documentId: string, token: string): DocumentSession | null {
  const [session, setSession] = useState<DocumentSession | null>(null);
  useEffect(() => {
    const opened = claimSession(documentId, token);
    setSession(opened);
    return () => opened.destroy();
  }, [documentId, token]);
  return session;
}
