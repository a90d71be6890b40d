import { randomBytes } from 'node:crypto';

/** Ids for workspaces, documents and versions: 96 random bits, short enough for a share link. */
export function createRecordId(): string {
  return randomBytes(12).toString('base64url');
}
