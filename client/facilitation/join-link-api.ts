import { authorizedFetch } from '../sync/authorized-fetch.ts';

/** A join link the server minted for this document: editor rights, until `expiresAt`. */
export interface JoinLink {
  readonly url: string;
  readonly code: string;
  readonly codeUrl: string;
  readonly expiresAt: string;
}

/** Asks the server for a join link (editor or owner tokens only). */
export async function requestJoinLink(documentId: string, token: string): Promise<JoinLink> {
  const response = await authorizedFetch(
    `/api/documents/${encodeURIComponent(documentId)}/join-link`,
    token,
    'Could not reach the server to make a join code.',
    { method: 'POST', body: {} },
  );
  return (await response.json()) as JoinLink;
}

/** Withdraws every join link of the document; people who joined by one are disconnected. */
export async function revokeJoinLinks(documentId: string, token: string): Promise<void> {
  await authorizedFetch(
    `/api/documents/${encodeURIComponent(documentId)}/join-link`,
    token,
    'Could not reach the server to withdraw the join code.',
    { method: 'DELETE' },
  );
}

/** Exchanges a typed code for the document and a token; null when the code opens nothing. */
export async function redeemJoinCode(
  code: string,
): Promise<{ readonly documentId: string; readonly token: string } | { readonly error: string }> {
  try {
    const response = await fetch(`/api/join/${encodeURIComponent(code)}`, {
      method: 'POST',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    const body = (await response.json().catch(() => null)) as {
      documentId?: string;
      token?: string;
      error?: string;
    } | null;
    if (response.ok && typeof body?.documentId === 'string' && typeof body.token === 'string')
      return { documentId: body.documentId, token: body.token };
    return { error: body?.error ?? `The server answered ${response.status}.` };
  } catch {
    return { error: 'Could not reach the server: check the Wi-Fi, then try the code again.' };
  }
}
