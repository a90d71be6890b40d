import { rememberDocumentToken, tokenForDocument } from './device-store.ts';
import { takeTokenFromAddress } from './share-link.ts';

/**
 * The token this device opens a document with. A share link's `?token=` is taken from the
 * address (and kept on the device) first; null when the device has no way in. Safe to call again:
 * the second call finds the token kept on the device.
 */
export function documentToken(documentId: string): string | null {
  const fromLink = takeTokenFromAddress();
  if (fromLink === null) return tokenForDocument(documentId);
  rememberDocumentToken(documentId, fromLink);
  return fromLink;
}
