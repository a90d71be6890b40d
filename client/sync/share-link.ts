/**
 * A share link carries its token as `?token=…`. The page takes it, keeps it on the device, and
 * replaces the address without it, so the token is not left in history, bookmarks or a projected
 * address bar. Returns the token, or null when the address had none.
 */
export function takeTokenFromAddress(): string | null {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null || token === '') return null;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return token;
}

export function shareLink(path: string, token: string): string {
  const url = new URL(path, window.location.origin);
  url.searchParams.set('token', token);
  return url.href;
}
