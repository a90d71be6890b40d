import { authorizedFetch } from '../sync/authorized-fetch.ts';

const OFFLINE =
  'You seem to be offline: downloads come from the server. "Print handout" works offline.';

/**
 * Downloads an export of the document. The API needs the token in a header, which a plain link
 * cannot send, so the file is fetched and then saved through a temporary blob link.
 *
 * @param query e.g. `format=md`, or `format=csv&section=ID`
 * @returns the file name the server gave it
 */
export async function downloadExport(
  documentId: string,
  token: string,
  query: string,
): Promise<string> {
  const response = await authorizedFetch(
    `/api/documents/${encodeURIComponent(documentId)}/export?${query}`,
    token,
    OFFLINE,
  );
  const fileName =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
    'pathways-export';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on a later turn: the browser starts reading the blob only after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return fileName;
}

/**
 * The calendar subscribe URL: the ics export with the token in the query, which only that format
 * accepts (calendar apps cannot send headers). Built with the viewer token so it is read-only,
 * and rotating the viewer link revokes it.
 */
export function calendarFeedUrl(documentId: string, viewerToken: string): string {
  return new URL(
    `/api/documents/${encodeURIComponent(documentId)}/export?format=ics&token=${encodeURIComponent(viewerToken)}`,
    window.location.origin,
  ).href;
}
