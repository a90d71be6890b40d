import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { decodeOccurrenceId, encodeOccurrenceId, type OccurrenceKey } from '#core/meetings';
import { markOccurrenceCreated, readOccurrenceRequests, requestOccurrence } from '#core/schema';
import { api, ApiError } from '../sync/api.ts';

export type OpenResult =
  | { readonly kind: 'opened'; readonly id: string }
  | { readonly kind: 'saved-offline' }
  | { readonly kind: 'refused'; readonly reason: string };

export interface OccurrenceOpener {
  /** Records the wish in the calendar, then asks the server; offline, the wish waits in the calendar. */
  readonly open: (key: OccurrenceKey) => Promise<OpenResult>;
  /** Why the server refused an occurrence, by occurrence id (a deleted row, a date no longer in the series). */
  readonly refused: ReadonlyMap<string, string>;
}

/**
 * Opens meetings of a calendar, once each, even offline. A press writes a request into the
 * calendar document (which syncs like any edit), and this hook asks the server for every request
 * it sees without a creation time: on a press, when the calendar changes (someone else's offline
 * request arriving), and when the device comes back online. The server's creation is idempotent,
 * so several devices fulfilling one request still make one document.
 */
export function useOccurrenceOpener(
  doc: Y.Doc,
  calendarId: string,
  token: string,
  canEdit: boolean,
): OccurrenceOpener {
  const inFlight = useRef(new Map<string, Promise<OpenResult>>());
  const [refused, setRefused] = useState<ReadonlyMap<string, string>>(new Map());
  const refusedRef = useRef(refused);
  refusedRef.current = refused;

  const ask = useCallback(
    (id: string, key: OccurrenceKey): Promise<OpenResult> => {
      const running = inFlight.current.get(id);
      if (running !== undefined) return running;
      const attempt = api
        .openOccurrence(calendarId, token, { row: key.rowId, date: key.date })
        .then(
          (answer): OpenResult => {
            markOccurrenceCreated(doc, answer.id, new Date().toISOString());
            return { kind: 'opened', id: answer.id };
          },
          (error: unknown): OpenResult => {
            if (error instanceof ApiError && error.status === 0) return { kind: 'saved-offline' };
            const reason =
              error instanceof Error ? error.message : 'The server could not open this meeting.';
            // A refusal (400) will not change by asking again; a server error (5xx) is retried on the next change.
            if (error instanceof ApiError && error.status >= 400 && error.status < 500)
              setRefused((before) => new Map(before).set(id, reason));
            return { kind: 'refused', reason };
          },
        );
      inFlight.current.set(id, attempt);
      void attempt.finally(() => inFlight.current.delete(id));
      return attempt;
    },
    [doc, calendarId, token],
  );

  useEffect(() => {
    if (!canEdit) return;
    const fulfil = (): void => {
      if (!navigator.onLine) return;
      for (const request of readOccurrenceRequests(doc)) {
        if (request.createdAt !== null || refusedRef.current.has(request.occurrenceId)) continue;
        const key = decodeOccurrenceId(request.occurrenceId);
        if (key !== null && key.calendarId === calendarId) void ask(request.occurrenceId, key);
      }
    };
    fulfil();
    doc.on('update', fulfil);
    window.addEventListener('online', fulfil);
    return () => {
      doc.off('update', fulfil);
      window.removeEventListener('online', fulfil);
    };
  }, [doc, calendarId, canEdit, ask]);

  const open = useCallback(
    (key: OccurrenceKey): Promise<OpenResult> => {
      const id = encodeOccurrenceId(key);
      setRefused((before) => {
        if (!before.has(id)) return before;
        const after = new Map(before);
        after.delete(id);
        return after;
      });
      requestOccurrence(doc, id, new Date().toISOString());
      if (!navigator.onLine) return Promise.resolve({ kind: 'saved-offline' });
      return ask(id, key);
    },
    [doc, ask],
  );

  return { open, refused };
}
