import { checkLink } from './check-link.ts';
import { DocumentSession } from './document-session.ts';

/** A session opened before its page asked; closed if no page claims it by then. */
const UNCLAIMED_MS = 30_000;

interface Preopened {
  readonly token: string;
  readonly session: DocumentSession;
  readonly expiry: ReturnType<typeof setTimeout>;
}

const preopened = new Map<string, Preopened>();

function openSession(documentId: string, token: string): DocumentSession {
  return new DocumentSession(documentId, token, () => checkLink(documentId, token));
}

/**
 * Starts opening a document (reading it from IndexedDB, connecting to the relay) while the page's
 * code is still loading, so the two overlap; the page then claims the session already under way.
 */
export function preopenSession(documentId: string, token: string): void {
  if (preopened.has(documentId)) return;
  const session = openSession(documentId, token);
  const expiry = setTimeout(() => {
    if (preopened.get(documentId)?.session !== session) return;
    preopened.delete(documentId);
    session.destroy();
  }, UNCLAIMED_MS);
  preopened.set(documentId, { token, session, expiry });
}

/** The session opened early for this document and token, or a new one. The caller destroys it. */
export function claimSession(documentId: string, token: string): DocumentSession {
  const early = preopened.get(documentId);
  if (early === undefined) return openSession(documentId, token);
  preopened.delete(documentId);
  clearTimeout(early.expiry);
  if (early.token === token) return early.session;
  early.session.destroy();
  return openSession(documentId, token);
}
