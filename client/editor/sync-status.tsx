import type { DocumentSession, SyncStatus } from '../sync/document-session.ts';
import { useSyncStatus } from '../sync/use-document.ts';

const TEXT: Record<Exclude<SyncStatus['kind'], 'link-invalid'>, string> = {
  loading: 'Opening…',
  offline: 'Saved on this device, will sync when online',
  syncing: 'Syncing…',
  synced: 'All changes synced',
};

/** The connection state, always visible, announced politely to screen readers when it changes. */
export function SyncStatusIndicator({ status }: { readonly status: SyncStatus }) {
  if (status.kind === 'link-invalid' && status.deleted) {
    return (
      <p className="status status-error" role="alert">
        This document was deleted by an owner of its workspace. What you see is the copy on this
        device; nothing more is sent.
      </p>
    );
  }
  if (status.kind === 'link-invalid') {
    return (
      <p className="status status-error" role="alert">
        This link no longer opens the document ({status.reason}). Ask the person who shared it for a
        new link. Your edits stay saved on this device.
      </p>
    );
  }
  return (
    <p className={`status status-${status.kind}`} role="status" aria-live="polite">
      <span className="status-dot" aria-hidden="true" />
      {TEXT[status.kind]}
    </p>
  );
}

/** The indicator following a session by itself, so a status change renders only the indicator. */
export function SessionSyncStatus({ session }: { readonly session: DocumentSession }) {
  return <SyncStatusIndicator status={useSyncStatus(session)} />;
}
