import type { DocumentSummary } from '../sync/api.ts';

/** The workspace's last document list, so the follow-ups page opens offline from what the device has. */
const KEY = (workspaceId: string) => `pathways:follow-up-documents:${workspaceId}`;

export function readCachedDocuments(workspaceId: string): DocumentSummary[] | null {
  try {
    const raw = localStorage.getItem(KEY(workspaceId));
    const parsed: unknown = raw === null ? null : JSON.parse(raw);
    if (!Array.isArray(parsed)) return null;
    return parsed
      .filter(
        (entry): entry is DocumentSummary =>
          typeof entry === 'object' &&
          entry !== null &&
          typeof (entry as DocumentSummary).id === 'string' &&
          typeof (entry as DocumentSummary).title === 'string',
      )
      .map((entry) => ({
        id: entry.id,
        title: entry.title,
        template: typeof entry.template === 'string' ? entry.template : null,
        updatedAt: String(entry.updatedAt ?? ''),
      }));
  } catch {
    return null;
  }
}

export function cacheDocuments(workspaceId: string, documents: readonly DocumentSummary[]): void {
  try {
    localStorage.setItem(KEY(workspaceId), JSON.stringify(documents));
  } catch {
    // A full or disabled storage only costs the offline list.
  }
}
