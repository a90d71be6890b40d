import { api, ApiError } from './api.ts';

/**
 * Why the server refuses this document link (revoked, wrong token, deleted document), or null
 * when it does not: asked when the relay turns the socket away, which it does without a reason.
 * Offline (status 0) or a server hiccup is not a verdict on the link.
 */
export async function checkLink(documentId: string, token: string): Promise<string | null> {
  try {
    await api.readDocument(documentId, token);
    return null;
  } catch (error) {
    return error instanceof ApiError &&
      (error.status === 401 || error.status === 403 || error.status === 404)
      ? error.message
      : null;
  }
}
