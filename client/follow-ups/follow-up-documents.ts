import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { collectFromTable, type FollowUp } from '#core/follow-ups';
import { readMeta, readTable } from '#core/schema';
import { NEXT_STEPS_SECTION_ID } from '#core/schema/section-ids';
import type { DocumentSummary } from '../sync/api.ts';
import { checkLink } from '../sync/check-link.ts';
import { DocumentSession } from '../sync/document-session.ts';

/**
 * How far one document is, said honestly:
 * - `loading`: neither this device's copy nor the server's answer is in yet;
 * - `loaded`: the server's copy is in (`fromDevice` false), or we are offline and show this
 *   device's copy (`fromDevice` true), which may miss others' latest edits;
 * - `failed`: the server refused it, or it is not on this device and the server cannot be reached.
 */
export type DocumentLoad =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly fromDevice: boolean }
  | { readonly kind: 'failed'; readonly reason: string };

export interface FollowUpDocument {
  readonly id: string;
  readonly title: string;
  readonly session: DocumentSession;
  readonly load: DocumentLoad;
  readonly rows: readonly FollowUp[];
}

function titleOf(session: DocumentSession, summary: DocumentSummary): string {
  return readMeta(session.doc).value.title.trim() || summary.title.trim() || 'Untitled document';
}

function loadOf(session: DocumentSession): DocumentLoad {
  const status = session.getStatus();
  const { provider, doc } = session;
  if (status.kind === 'link-invalid') return { kind: 'failed', reason: status.reason };
  if (provider.synced) return { kind: 'loaded', fromDevice: false };
  if (status.kind === 'loading') return { kind: 'loading' };
  const unreachable =
    !navigator.onLine || (!provider.wsconnected && provider.wsUnsuccessfulReconnects > 0);
  if (!unreachable) return { kind: 'loading' };
  const onDevice = doc.share.size > 0 && doc.getArray('sections').length > 0;
  return onDevice
    ? { kind: 'loaded', fromDevice: true }
    : { kind: 'failed', reason: 'it is not on this device yet and the server cannot be reached' };
}

function readRows(session: DocumentSession, title: string): FollowUp[] {
  const table = readTable(session.doc, NEXT_STEPS_SECTION_ID);
  return collectFromTable(table?.value ?? null, {
    documentId: session.documentId,
    documentTitle: title,
  });
}

/**
 * Opens one session per listed document (IndexedDB first, then the relay) for as long as the
 * page is shown, and keeps each document's next-steps rows read. Reads happen at most once per
 * frame and only for documents that changed, so 30 people typing in one document cost one
 * small table read per frame, not a read of every document.
 */
export function useFollowUpDocuments(
  documents: readonly DocumentSummary[],
  token: string,
): readonly FollowUpDocument[] {
  const [opened, setOpened] = useState<readonly FollowUpDocument[]>([]);
  const key = documents.map((summary) => summary.id).join(' ');

  useEffect(() => {
    const entries = documents.map((summary) => {
      const session = new DocumentSession(summary.id, token, () => checkLink(summary.id, token));
      // Reading follow-ups is not being in the document: do not show up in its presence bar.
      session.provider.awareness.setLocalState(null);
      const title = titleOf(session, summary);
      return {
        summary,
        session,
        current: {
          id: summary.id,
          title,
          session,
          load: loadOf(session),
          rows: readRows(session, title),
        } as FollowUpDocument,
      };
    });
    const dirty = new Set<number>();
    let frame: number | null = null;
    const flush = (): void => {
      frame = null;
      let changed = false;
      for (const index of dirty) {
        const entry = entries[index]!;
        const title = titleOf(entry.session, entry.summary);
        entry.current = {
          ...entry.current,
          title,
          load: loadOf(entry.session),
          rows: readRows(entry.session, title),
        };
        changed = true;
      }
      dirty.clear();
      if (changed) setOpened(entries.map((entry) => entry.current));
    };
    const markDirty = (index: number) => (): void => {
      dirty.add(index);
      frame ??= requestAnimationFrame(flush);
    };
    const stops = entries.map((entry, index) => {
      const onChange = markDirty(index);
      // This person's own change shows at once: a ticked checkbox or a picked date is a controlled
      // input, which React puts back as it was if the value it shows has not changed by then.
      const onUpdate = (
        _update: Uint8Array,
        _origin: unknown,
        _doc: Y.Doc,
        transaction: Y.Transaction,
      ) => {
        onChange();
        if (!transaction.local) return;
        if (frame !== null) cancelAnimationFrame(frame);
        flush();
      };
      const unsubscribe = entry.session.subscribe(onChange);
      entry.session.doc.on('update', onUpdate);
      entry.session.provider.on('sync', onChange);
      entry.session.provider.on('status', onChange);
      entry.session.provider.on('connection-close', onChange);
      return () => {
        unsubscribe();
        entry.session.doc.off('update', onUpdate);
      };
    });
    const onNetwork = (): void => entries.forEach((_, index) => markDirty(index)());
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
    setOpened(entries.map((entry) => entry.current));
    return () => {
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
      if (frame !== null) cancelAnimationFrame(frame);
      stops.forEach((stop) => stop());
      entries.forEach((entry) => entry.session.destroy());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `documents`: a new list with the same ids must not reopen every session.
  }, [key, token]);

  return opened;
}
