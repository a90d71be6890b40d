import type * as Y from 'yjs';

/**
 * The calendar's record of meetings someone asked to open (schema 4): a top-level map from
 * occurrence id (`CALENDAR.ROW.DATE`) to when it was asked for and, once the server has it, when
 * it was created. Someone offline who presses "Open the meeting of DATE" writes the request here;
 * it syncs with the calendar when they are back, and whichever client then sees a request
 * without `createdAt` asks the server, whose creation is idempotent. Older builds keep the map
 * untouched, as Yjs keeps any top-level type it is not asked about.
 */
export interface OccurrenceRequest {
  readonly occurrenceId: string;
  readonly requestedAt: string;
  /** Set once the server confirmed the document exists. */
  readonly createdAt: string | null;
}

const REQUESTS = 'occurrenceRequests';

function requestsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(REQUESTS);
}

/** Records that someone wants this meeting's document; a second request keeps the first's time. */
export function requestOccurrence(doc: Y.Doc, occurrenceId: string, now: string): void {
  const map = requestsMap(doc);
  if (readOne(occurrenceId, map.get(occurrenceId)) !== null) return;
  map.set(occurrenceId, { requestedAt: now, createdAt: null });
}

/** Records that the server holds the document (idempotent; the earliest time stays). */
export function markOccurrenceCreated(doc: Y.Doc, occurrenceId: string, now: string): void {
  const map = requestsMap(doc);
  const existing = readOne(occurrenceId, map.get(occurrenceId));
  if (existing?.createdAt != null) return;
  map.set(occurrenceId, { requestedAt: existing?.requestedAt ?? now, createdAt: now });
}

function readOne(occurrenceId: string, value: unknown): OccurrenceRequest | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.requestedAt !== 'string') return null;
  return {
    occurrenceId,
    requestedAt: record.requestedAt,
    createdAt: typeof record.createdAt === 'string' ? record.createdAt : null,
  };
}

/** Every well-formed request of the calendar; malformed entries (another build, a hostile peer) are skipped. */
export function readOccurrenceRequests(doc: Y.Doc): OccurrenceRequest[] {
  const requests: OccurrenceRequest[] = [];
  requestsMap(doc).forEach((value, key) => {
    const request = readOne(key, value);
    if (request !== null) requests.push(request);
  });
  return requests.sort((a, b) =>
    a.occurrenceId < b.occurrenceId ? -1 : a.occurrenceId > b.occurrenceId ? 1 : 0,
  );
}
