import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readOccurrenceRequests, type OccurrenceRequest } from '#core/schema';

function readRequestsById(doc: Y.Doc): ReadonlyMap<string, OccurrenceRequest> {
  return new Map(readOccurrenceRequests(doc).map((request) => [request.occurrenceId, request]));
}

/** The calendar's requested and created meetings by occurrence id, re-read as the calendar changes. */
export function useOccurrenceRequests(doc: Y.Doc): ReadonlyMap<string, OccurrenceRequest> {
  const [requests, setRequests] = useState(() => readRequestsById(doc));
  useEffect(() => {
    const update = (): void => setRequests(readRequestsById(doc));
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc]);
  return requests;
}
