import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readOccurrenceRequests, type OccurrenceRequest } from '../../core/schema/index.ts';

/** The calendar's requested and created meetings by occurrence id, re-read as the calendar changes. */
export function useOccurrenceRequests(doc: Y.Doc): ReadonlyMap<string, OccurrenceRequest> {
  const read = () => new Map(readOccurrenceRequests(doc).map((request) => [request.occurrenceId, request]));
  const [requests, setRequests] = useState(read);
  useEffect(() => {
    const update = (): void => setRequests(read());
    update();
    doc.on('update', update);
    return () => doc.off('update', update);
  }, [doc]);
  return requests;
}
