import { ApiError } from './api.ts';

/**
 * A REST call with the token as `Authorization: Bearer`, answering the raw response (for binary
 * versions and file downloads, which the JSON helper in api.ts does not read). Not 2xx throws an
 * ApiError with the server's message; no network throws one with status 0 and `offlineMessage`.
 */
export async function authorizedFetch(
  path: string,
  token: string,
  offlineMessage: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new ApiError(0, offlineMessage);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(response.status, body?.error ?? `The server answered ${response.status}.`);
  }
  return response;
}
