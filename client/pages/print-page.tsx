import { useEffect } from 'react';
import { Link } from 'wouter';
// Straight from the modules, not core/export's index: that also brings the CSV export and its parser.
import { exportHtmlBody } from '#core/export/html';
import { withSmallCellsSuppressed } from '#core/export/small-cells';
import { readSmallCellThreshold } from '#core/schema/small-cell-threshold';
import { HTML_STYLESHEET } from '#core/export/html-stylesheet';
import type { DocumentSession } from '../sync/document-session.ts';
import { useDocumentToken } from '../sync/use-document-access.ts';
import { useDocumentSession } from '../sync/use-document-session.ts';
import { useWholeDocument, useSyncStatus } from '../sync/use-document.ts';
import { NoAccess } from './no-access.tsx';
import './print-page.css';

/**
 * `/d/:doc/print`: the document as a handout for Letter paper, rendered from the copy on this
 * device by core's HTML export (the same page and print stylesheet as the server's HTML export),
 * so it also works offline. Only a small toolbar is added, and it does not print.
 */
export function PrintPage({ documentId }: { readonly documentId: string }) {
  // A share link to the handout works like one to the document: the token is kept on the device and leaves the address bar.
  const token = useDocumentToken(documentId);
  if (token === null) return <NoAccess what="document" />;
  return <PrintableDocument documentId={documentId} token={token} />;
}

function PrintableDocument({
  documentId,
  token,
}: {
  readonly documentId: string;
  readonly token: string;
}) {
  const session = useDocumentSession(documentId, token);
  return session === null ? null : <Handout documentId={documentId} session={session} />;
}

function Handout({
  documentId,
  session,
}: {
  readonly documentId: string;
  readonly session: DocumentSession;
}) {
  const status = useSyncStatus(session);
  const { view } = useWholeDocument(session.doc);
  // Printed too early, a handout would miss what the server has and this device has not yet seen.
  const ready =
    status.kind === 'synced' ||
    status.kind === 'offline' ||
    status.kind === 'link-invalid' ||
    session.provider.synced;
  const title = view.meta.title.trim() || 'Untitled document';

  useEffect(() => {
    document.title = `${title} (handout) · Pathways`;
  }, [title]);

  return (
    <>
      <style>{HTML_STYLESHEET}</style>
      <div className="print-toolbar">
        <Link href={`/d/${documentId}`}>Back to the document</Link>
        <button type="button" className="primary" onClick={() => window.print()} disabled={!ready}>
          Print handout
        </button>
        <span className="hint">
          {ready
            ? 'Prints on Letter paper without the app around it.'
            : 'Getting the latest version…'}
        </span>
      </div>
      {/* Core's HTML export escapes every piece of document text. */}
      <main
        id="main"
        className="handout"
        data-ready={ready ? 'true' : 'false'}
        aria-busy={!ready}
        dangerouslySetInnerHTML={{
          __html: exportHtmlBody(
            withSmallCellsSuppressed(view, readSmallCellThreshold(session.doc)),
          ),
        }}
      />
    </>
  );
}
