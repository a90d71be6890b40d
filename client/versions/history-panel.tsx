import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useWholeDocument } from '../sync/use-document.ts';
import * as Y from 'yjs';
// Straight from the module, not core/export's index: that also brings the CSV export and its parser.
import { exportHtmlBody } from '#core/export/html';
import { readDocument, type DocumentView } from '#core/schema';
import { compareDocuments, restoreVersion } from '#core/versions';
import { ChangeSummary } from './change-summary.tsx';
import { versionsApi, type VersionSummary } from './versions-api.ts';
import './history-panel.css';

export interface HistoryPanelProps {
  readonly documentId: string;
  readonly token: string;
  /** The live document, which a restore writes into. */
  readonly doc: Y.Doc;
  /** Editors and owners may save and restore; viewers browse read-only. */
  readonly canEdit: boolean;
  readonly onClose: () => void;
}

interface OpenedVersion {
  readonly summary: VersionSummary;
  readonly doc: Y.Doc;
  readonly view: DocumentView;
}

/** Longest label the server takes. */
const MAX_LABEL = 200;

function versionName(version: VersionSummary): string {
  return version.auto ? 'Session ended' : version.label;
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The document's history in a modal dialog: saved versions (automatic ones from the end of each
 * session, and named ones), each openable read-only with what changed since, and for editors,
 * saving a named version and restoring one. A restore is a new change everyone receives, made
 * after saving the current state as a version, so it can itself be undone from this list.
 */
export function HistoryPanel({ documentId, token, doc, canEdit, onClose }: HistoryPanelProps) {
  // The live document, notes included, to compare a version with.
  const { view } = useWholeDocument(doc);
  const dialog = useRef<HTMLDialogElement>(null);
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [opened, setOpened] = useState<OpenedVersion | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
  }, []);

  const refresh = useCallback(async () => {
    try {
      setVersions(await versionsApi.list(documentId, token));
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    }
  }, [documentId, token]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => () => opened?.doc.destroy(), [opened]);

  const open = async (version: VersionSummary): Promise<void> => {
    setOpening(version.id);
    setConfirming(false);
    setMessage(null);
    try {
      const bytes = await versionsApi.read(documentId, token, version.id);
      const versionDoc = new Y.Doc();
      Y.applyUpdate(versionDoc, bytes);
      setOpened({ summary: version, doc: versionDoc, view: readDocument(versionDoc).value });
    } catch (error) {
      setMessage({
        kind: 'error',
        text: `Could not open this version: ${(error as Error).message}`,
      });
    } finally {
      setOpening(null);
    }
  };

  const save = async (name: string): Promise<void> => {
    setBusy(true);
    try {
      await versionsApi.save(documentId, token, name);
      setLabel('');
      setMessage({ kind: 'ok', text: `Saved the version “${name}”.` });
      await refresh();
    } catch (error) {
      setMessage({
        kind: 'error',
        text: `Could not save the version: ${(error as Error).message}`,
      });
    } finally {
      setBusy(false);
    }
  };

  const restore = async (version: OpenedVersion): Promise<void> => {
    setBusy(true);
    const name = versionName(version.summary);
    const backup = `Before restoring “${name}”`.slice(0, MAX_LABEL);
    try {
      // The current state is saved first, so this restore can itself be undone.
      await versionsApi.save(documentId, token, backup, version.summary.id);
    } catch (error) {
      setMessage({
        kind: 'error',
        text: `Nothing was restored: the current document could not be saved first. ${(error as Error).message}`,
      });
      setBusy(false);
      setConfirming(false);
      return;
    }
    restoreVersion(doc, version.doc);
    setConfirming(false);
    setBusy(false);
    setMessage({
      kind: 'ok',
      text: `Restored “${name}”. Everyone in the document sees it now. To undo, restore “${backup}”.`,
    });
    await refresh();
  };

  const changes = useMemo(
    () => (opened === null ? null : compareDocuments(opened.view, view)),
    [opened, view],
  );

  return (
    <dialog
      ref={dialog}
      className="history-panel"
      aria-labelledby="history-title"
      onClose={onClose}
    >
      <div className="history-head">
        <h2 id="history-title">History</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close history
        </button>
      </div>

      <p
        role="status"
        aria-live="polite"
        className={message?.kind === 'error' ? 'history-message form-error' : 'history-message'}
      >
        {message?.text ?? ''}
      </p>

      {canEdit && (
        <form
          className="history-save"
          onSubmit={(event) => {
            event.preventDefault();
            const name = label.trim();
            if (name !== '') void save(name);
          }}
        >
          <label htmlFor="version-label">Save this document as a named version</label>
          <div className="copy-row">
            <input
              id="version-label"
              value={label}
              maxLength={MAX_LABEL}
              placeholder="After kickoff meeting"
              onChange={(event) => setLabel(event.currentTarget.value)}
            />
            <button type="submit" disabled={busy || label.trim() === ''}>
              Save version
            </button>
          </div>
        </form>
      )}

      <div className="history-body">
        <section className="history-list" aria-labelledby="history-versions">
          <h3 id="history-versions">Saved versions</h3>
          {versions === null && <p className="hint">Loading…</p>}
          {versions?.length === 0 && (
            <p className="hint">
              No versions yet. One is saved automatically when a working session ends
              {canEdit ? ', and you can save one by name above' : ''}.
            </p>
          )}
          {versions !== null && versions.length > 0 && (
            <ul>
              {versions.map((version) => (
                <li key={version.id}>
                  <button
                    type="button"
                    className="version-button"
                    aria-current={opened?.summary.id === version.id ? 'true' : undefined}
                    onClick={() => void open(version)}
                    disabled={opening !== null}
                  >
                    <span className="version-name">{versionName(version)}</span>
                    <span className="version-meta">
                      {version.auto ? 'Automatic' : 'Named'} · {formatTime(version.createdAt)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="history-detail" aria-labelledby="history-detail-title">
          {opened === null ? (
            <>
              <h3 id="history-detail-title">Open a version</h3>
              <p className="hint">
                {opening !== null
                  ? 'Opening…'
                  : 'Choose a version to read it and see what has changed since.'}
              </p>
            </>
          ) : (
            <>
              <h3 id="history-detail-title">
                {versionName(opened.summary)}{' '}
                <span className="version-meta">
                  ({formatTime(opened.summary.createdAt)}, read-only)
                </span>
              </h3>
              <h4 id="history-changes">What changed since this version</h4>
              {changes !== null && <ChangeSummary changes={changes} headingId="history-changes" />}
              {canEdit && !confirming && (
                <button
                  type="button"
                  className="primary"
                  onClick={() => setConfirming(true)}
                  disabled={busy}
                >
                  Restore this version
                </button>
              )}
              {canEdit && confirming && (
                <div className="restore-confirm" role="group" aria-labelledby="restore-question">
                  <p id="restore-question">
                    Restore “{versionName(opened.summary)}” for everyone? The document as it is now
                    is saved first as the version “Before restoring “{versionName(opened.summary)}
                    ””, so you can undo this from History.
                  </p>
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void restore(opened)}
                    disabled={busy}
                    autoFocus
                  >
                    Yes, restore
                  </button>{' '}
                  <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
                    Cancel
                  </button>
                </div>
              )}
              {!canEdit && <p className="hint">Restoring a version needs an editor link.</p>}
              <h4 id="history-preview">The document in this version</h4>
              {/* Rendered by core's HTML export, which escapes every piece of document text. */}
              <div
                className="version-preview"
                role="region"
                aria-labelledby="history-preview"
                dangerouslySetInnerHTML={{ __html: exportHtmlBody(opened.view, 'version-section') }}
              />
            </>
          )}
        </section>
      </div>
    </dialog>
  );
}
