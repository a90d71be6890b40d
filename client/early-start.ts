import { loadDocumentPage } from './pages/document-page-module.ts';
import { documentToken } from './sync/document-token.ts';
import { openEarlySocket, relayServerUrl, relaySocketUrl } from './sync/early-socket.ts';

/**
 * On a document page, the slow steps are fetching the editor's code and fetching the document,
 * and neither needs React: both start here, first thing in the entry module, instead of after
 * the app has rendered and the page's code has arrived. The relay socket opens before Yjs is
 * loaded (early-socket.ts), so the document is usually here by the time the code is.
 */
export function startDocumentPageEarly(pathname: string): void {
  const match = /^\/d\/([^/]+)\/?$/.exec(pathname);
  if (match === null) return;
  const documentId = decodeURIComponent(match[1]!);
  void loadDocumentPage();
  const token = documentToken(documentId);
  if (token === null) return;
  // Offline, the session finds out for itself (and says so); a socket would only fail.
  if (navigator.onLine) openEarlySocket(relaySocketUrl(relayServerUrl(), documentId, token));
  void import('./sync/open-session.ts').then(({ preopenSession }) =>
    preopenSession(documentId, token),
  );
}
