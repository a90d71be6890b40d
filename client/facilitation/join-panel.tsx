import { useId } from 'react';
import { QrCode } from './qr-code.tsx';

interface JoinPanelProps {
  /** The editor link of this document, or null when this device holds no editor token for it. */
  readonly editorLink: string | null;
}

/** The address as people type it: no scheme, so it fits on a projector line. */
function readableLink(link: string): string {
  return link.replace(/^https?:\/\//, '');
}

/**
 * How attendees join from laptops and phones: a QR code and the written link, both opening this
 * document as an editor. Only an editor token goes here, never the owner's (it would hand the
 * whole room the power to revoke links) and never a viewer's (attendees are here to edit).
 */
export function JoinPanel({ editorLink }: JoinPanelProps) {
  const headingId = useId();
  return (
    <section className="join-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Join and edit</h2>
      {editorLink === null ? (
        <p className="join-missing">
          An editor link is needed to show a join code here. Open this document's editor link (from the workspace page of its owner) on this device once, then come back.
        </p>
      ) : (
        <>
          <QrCode className="join-qr" text={editorLink} label="QR code: scan to open this document as an editor" />
          <p className="join-link">
            <span className="visually-hidden">Or type this address: </span>
            <a href={editorLink}>{readableLink(editorLink)}</a>
          </p>
        </>
      )}
    </section>
  );
}
