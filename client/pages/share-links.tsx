import { useState } from 'react';
import { shareLink } from '../sync/share-link.ts';

/** The editor and viewer links of a workspace, each with a copy button, for its owner to hand out. */
export function ShareLinks({
  workspaceId,
  tokens,
}: {
  readonly workspaceId: string;
  readonly tokens: { readonly editor: string; readonly viewer: string };
}) {
  const [copied, setCopied] = useState<string | null>(null);
  const links = [
    [
      'editor',
      'Editor link',
      'People with this link can edit every document in the workspace.',
      shareLink(`/w/${workspaceId}`, tokens.editor),
    ],
    [
      'viewer',
      'Viewer link',
      'People with this link can read, not change, every document.',
      shareLink(`/w/${workspaceId}`, tokens.viewer),
    ],
  ] as const;
  return (
    <section className="card share-links" aria-labelledby={`share-${workspaceId}`}>
      <h2 id={`share-${workspaceId}`}>Share links</h2>
      {links.map(([role, title, help, url]) => (
        <div key={role} className="share-link">
          <label htmlFor={`link-${workspaceId}-${role}`}>{title}</label>
          <p className="hint">{help}</p>
          <div className="copy-row">
            <input
              id={`link-${workspaceId}-${role}`}
              value={url}
              readOnly
              onFocus={(event) => event.currentTarget.select()}
            />
            <button
              type="button"
              onClick={async () => {
                await navigator.clipboard?.writeText(url).catch(() => {});
                setCopied(role);
              }}
            >
              Copy {role} link
            </button>
          </div>
        </div>
      ))}
      <p role="status" aria-live="polite" className="hint">
        {copied !== null ? `The ${copied} link is copied.` : ''}
      </p>
    </section>
  );
}
