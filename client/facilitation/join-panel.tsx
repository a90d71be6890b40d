import { useId } from 'react';
import { QrCode } from './qr-code.tsx';
import './join-panel.css';
import type { JoinLinkState } from './use-join-link.ts';

interface JoinPanelProps {
  readonly join: JoinLinkState;
  /** The editor link this device already holds, shown when the server cannot mint one (offline). */
  readonly editorLink: string | null;
}

/** The address as people type it: no scheme, so it fits on a projector line. */
function readableLink(link: string): string {
  return link.replace(/^https?:\/\//, '');
}

/**
 * How attendees join from laptops and phones: a QR code that opens this document as an editor,
 * and a short code to type at `/j/CODE` for those who cannot scan. The server mints both for
 * whoever presents with an editor or owner token; they work for this document only, until the
 * end of the day. Never the owner's token (it would hand the room the power to revoke links) and
 * never a viewer's.
 */
export function JoinPanel({ join, editorLink }: JoinPanelProps) {
  const headingId = useId();
  const qrText =
    join.kind === 'ready'
      ? join.link.url
      : join.kind === 'unavailable' && join.reason === 'offline'
        ? editorLink
        : null;
  return (
    <section className="join-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Join and edit</h2>
      {join.kind === 'waiting' ? (
        <p className="join-missing">Making a join code…</p>
      ) : qrText === null ? (
        <p className="join-missing">
          {join.kind === 'unavailable' && join.reason === 'viewer'
            ? 'An editor link is needed to show a join code here: this projector was opened with a view-only link.'
            : 'An editor link is needed to show a join code here, and the server cannot be reached to make one.'}
        </p>
      ) : (
        <>
          <QrCode
            className="join-qr"
            text={qrText}
            label="QR code: scan to open this document as an editor"
          />
          {join.kind === 'ready' ? (
            <p className="join-code">
              <span className="join-code-label">Or go to</span>
              <a href={join.link.codeUrl} className="join-code-link">
                {readableLink(join.link.codeUrl).replace(/\/j\/\d+$/, '/j/')}
                <strong className="join-code-digits">{join.link.code}</strong>
              </a>
            </p>
          ) : (
            <p className="join-link">
              <span className="visually-hidden">Or type this address: </span>
              <a href={qrText}>{readableLink(qrText)}</a>
            </p>
          )}
        </>
      )}
    </section>
  );
}
