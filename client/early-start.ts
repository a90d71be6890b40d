import { documentToken } from './sync/document-token.ts';

/**
 * On a document page, the slow steps are fetching the editor's code and fetching the document,
 * and neither needs React: both start here, first thing in the entry module, instead of after
 * the app has rendered and the page's code has arrived.
 */
function startDocumentPageEarly(pathname: string): void {
  const match = /^\/d\/([^/]+)\/?$/.exec(pathname);
  if (match === null) return;
  const documentId = decodeURIComponent(match[1]!);
  // The same import the router's lazy page makes; the browser fetches the chunk once.
  void import('./pages/document-page.tsx');
  const token = documentToken(documentId);
  if (token !== null) void import('./sync/open-session.ts').then(({ preopenSession }) => preopenSession(documentId, token));
}

startDocumentPageEarly(window.location.pathname);
