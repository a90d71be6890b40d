import { useEffect, useState } from 'react';
import type { DocumentAccess } from '../sync/use-document-access.ts';
import { requestJoinLink, type JoinLink } from './join-link-api.ts';

export type JoinLinkState =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'ready'; readonly link: JoinLink }
  /** No join link: a viewer's projector, or the server could not be reached. */
  | { readonly kind: 'unavailable'; readonly reason: 'viewer' | 'offline' };

/**
 * The join link a projector shows: minted by the server for this document when the page opens,
 * for whoever holds an editor or owner token, on any device. A viewer gets none.
 */
export function useJoinLink(
  documentId: string,
  token: string,
  access: DocumentAccess | null,
): JoinLinkState {
  const [state, setState] = useState<JoinLinkState>({ kind: 'waiting' });
  const role = access?.role ?? null;
  useEffect(() => {
    if (role === null) return;
    if (role === 'viewer') {
      setState({ kind: 'unavailable', reason: 'viewer' });
      return;
    }
    let current = true;
    requestJoinLink(documentId, token).then(
      (link) => current && setState({ kind: 'ready', link }),
      () => current && setState({ kind: 'unavailable', reason: 'offline' }),
    );
    return () => {
      current = false;
    };
  }, [documentId, token, role]);
  return state;
}
