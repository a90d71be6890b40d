import { useEffect, useState } from 'react';
import { api, ApiError } from './api.ts';
import { DocumentSession } from './document-session.ts';

/** Opens a document session for the page's lifetime and closes it when the page goes. */
export function useDocumentSession(documentId: string, token: string): DocumentSession | null {
  const [session, setSession] = useState<DocumentSession | null>(null);
  useEffect(() => {
    const checkLink = async (): Promise<string | null> => {
      try {
        await api.readDocument(documentId, token);
        return null;
      } catch (error) {
        // Offline (status 0) or a server hiccup is not a verdict on the link.
        return error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 404) ? error.message : null;
      }
    };
    const opened = new DocumentSession(documentId, token, checkLink);
    setSession(opened);
    return () => opened.destroy();
  }, [documentId, token]);
  return session;
}
