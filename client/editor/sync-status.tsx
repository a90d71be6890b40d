import type { SyncStatus } from '../sync/document-session.ts';

const TEXT: Record<Exclude<SyncStatus['kind'], 'link-invalid'>, string> = {
  loading: 'Opening…',
  offline: 'Saved on this device, will sync when online',
  syncing: 'Syncing…',
  synced: 'All changes synced',
};

/** The connection state, always visible, announced politely to screen readers when it changes. */
export function SyncStatusIndicator({ status }: { readonly status: SyncStatus }) {
  if (status.kind === 'link-invalid') {
    return (
      <p className="status status-error" role="alert">
        This link no longer opens the document ({status.reason}). Ask the person who shared it for a new link. Your edits stay saved on this device.
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
