import { authorizedFetch } from '../sync/authorized-fetch.ts';

/** A saved version of a document, as `GET /api/documents/:doc/versions` lists it (newest first). */
export interface VersionSummary {
  readonly id: string;
  readonly label: string;
  readonly createdAt: string;
  /** Saved automatically when a working session ended. */
  readonly auto: boolean;
}

const OFFLINE = 'You seem to be offline: history needs a connection to the server.';
const versionsPath = (documentId: string) =>
  `/api/documents/${encodeURIComponent(documentId)}/versions`;

export const versionsApi = {
  list: async (documentId: string, token: string) =>
    (await (
      await authorizedFetch(versionsPath(documentId), token, OFFLINE)
    ).json()) as VersionSummary[],
  /** `restoring`: the id of the version about to be restored, when this saves the state before a restore (for the audit log). */
  save: async (documentId: string, token: string, label: string, restoring?: string) =>
    (await (
      await authorizedFetch(versionsPath(documentId), token, OFFLINE, {
        body: { label, ...(restoring !== undefined && { restoring }) },
      })
    ).json()) as Omit<VersionSummary, 'auto'>,
  /** The whole document as it was, one binary Yjs update. */
  read: async (documentId: string, token: string, versionId: string) =>
    new Uint8Array(
      await (
        await authorizedFetch(
          `${versionsPath(documentId)}/${encodeURIComponent(versionId)}`,
          token,
          OFFLINE,
        )
      ).arrayBuffer(),
    ),
};
