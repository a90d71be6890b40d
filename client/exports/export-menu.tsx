import { useId, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { PageSection } from '#core/schema/document-view';
// The id module alone: the templates index would bring every template's text into the page.
import { MEETINGS_SECTION_ID } from '#core/schema/section-ids';
import { findJoinedWorkspace, type Role } from '../sync/device-store.ts';
import { calendarFeedUrl, downloadExport } from './download-export.ts';
import './export-menu.css';

export interface ExportMenuProps {
  readonly documentId: string;
  readonly token: string;
  /** The role of `token`. */
  readonly role: Role;
  /** The document's workspace, when known: its owner's device remembers the viewer link. */
  readonly workspaceId: string | null;
  /** The sections as the page shows them: the tables to offer as CSV, and whether there is a calendar. */
  readonly view: { readonly sections: readonly PageSection[] };
}

/**
 * The document's "Export" disclosure: Markdown, CSV of a chosen table, the meeting calendar as
 * iCalendar with its subscribe URL, and the print handout. A disclosure rather than an ARIA menu,
 * because it holds a table picker and a URL field, which menus cannot.
 */
export function ExportMenu({ documentId, token, role, workspaceId, view }: ExportMenuProps) {
  // The subscribe URL is built only on a viewer token (read-only): a viewer's own link, or the
  // viewer link the owner's device kept when it created the workspace.
  const viewerToken = useMemo(
    () =>
      role === 'viewer'
        ? token
        : workspaceId === null
          ? null
          : (findJoinedWorkspace(workspaceId)?.shareTokens?.viewer ?? null),
    [role, token, workspaceId],
  );
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const tables = view.sections.filter((section) => section.kind === 'table');
  const [tableId, setTableId] = useState<string | null>(null);
  const chosenTable = tables.find((table) => table.id === tableId) ?? tables[0];
  const hasCalendar = tables.some((table) => table.id === MEETINGS_SECTION_ID);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const download = async (query: string): Promise<void> => {
    setStatus(null);
    try {
      const fileName = await downloadExport(documentId, token, query);
      setStatus({ kind: 'ok', text: `Downloaded ${fileName}.` });
    } catch (error) {
      setStatus({ kind: 'error', text: (error as Error).message });
    }
  };

  const close = (): void => {
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <div
      className="export-menu"
      onKeyDown={(event) => {
        // Escape closes it wherever the focus is in it, the Export button included.
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
      onBlur={(event) => {
        // Closes when focus moves elsewhere on the page, as a disclosure menu is expected to.
        if (
          event.relatedTarget instanceof Node &&
          !event.currentTarget.contains(event.relatedTarget)
        )
          setOpen(false);
      }}
    >
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        Export
      </button>
      {open && (
        <div id={panelId} className="export-panel" role="group" aria-label="Export">
          <ul>
            <li>
              <button type="button" onClick={() => void download('format=md')}>
                Download Markdown (.md)
              </button>
            </li>
            {chosenTable !== undefined && (
              <li className="export-csv">
                <label htmlFor={`${panelId}-table`}>Table to download as CSV</label>
                <div className="copy-row">
                  <select
                    id={`${panelId}-table`}
                    value={chosenTable.id}
                    onChange={(event) => setTableId(event.currentTarget.value)}
                  >
                    {tables.map((table) => (
                      <option key={table.id} value={table.id}>
                        {table.title || 'Untitled table'}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    onClick={() =>
                      void download(`format=csv&section=${encodeURIComponent(chosenTable.id)}`)
                    }
                  >
                    Download CSV
                  </button>
                </div>
              </li>
            )}
            {hasCalendar && (
              <li>
                <button type="button" onClick={() => void download('format=ics')}>
                  Download meeting calendar (.ics)
                </button>
                <CalendarSubscription documentId={documentId} viewerToken={viewerToken} />
              </li>
            )}
            <li>
              <Link href={`/d/${documentId}/print`} className="export-print">
                Print handout
              </Link>
              <span className="hint"> · a clean page for Letter paper; works offline</span>
            </li>
          </ul>
          <p
            role="status"
            aria-live="polite"
            className={status?.kind === 'error' ? 'form-error' : 'hint'}
          >
            {status?.text ?? ''}
          </p>
        </div>
      )}
    </div>
  );
}

function CalendarSubscription({
  documentId,
  viewerToken,
}: {
  readonly documentId: string;
  readonly viewerToken: string | null;
}) {
  const [copied, setCopied] = useState(false);
  const fieldId = useId();
  if (viewerToken === null) {
    return (
      <p className="hint">
        Calendar apps can subscribe to this calendar by URL. The workspace owner can copy that URL
        here: it is read-only, built from the viewer link, and stops working when the viewer link is
        replaced.
      </p>
    );
  }
  const url = calendarFeedUrl(documentId, viewerToken);
  return (
    <div className="export-subscribe">
      <label htmlFor={fieldId}>Subscribe URL for calendar apps</label>
      <div className="copy-row">
        <input
          id={fieldId}
          value={url}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(url).catch(() => {});
            setCopied(true);
          }}
        >
          Copy subscribe URL
        </button>
      </div>
      <p className="hint">
        In Google Calendar: Other calendars → From URL. In Outlook: Add calendar → Subscribe from
        web. Read-only; anyone with this URL sees the meetings, and replacing the workspace's viewer
        link stops it.
        {copied && ' Copied.'}
      </p>
    </div>
  );
}
