import type { OpenDocument } from './open-document.ts';

/**
 * Where a room is in its life. The document and presence exist exactly in the states that carry
 * them, so no method reaches for a document that is not there. `closing` carries null when the
 * room was closed before it finished loading.
 */
export type RoomState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'open'; readonly loaded: OpenDocument }
  | { readonly kind: 'closing'; readonly loaded: OpenDocument | null }
  | { readonly kind: 'closed' }
  | { readonly kind: 'failed' };
