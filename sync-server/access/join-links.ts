import { randomInt } from 'node:crypto';
import type { Access, DocumentStore } from '../storage/document-store.ts';
import { createToken, hashToken } from './tokens.ts';

/**
 * Join links: what the projector shows so a room can join one document as editors. Any editor or
 * owner mints one on demand (`POST /api/documents/:doc/join-link`): a token that opens only that
 * document, with editor rights, until the end of the day (server time), plus a six-digit code to
 * type at `/j/CODE` when scanning is not possible. Both are stored as hashes only; the code is
 * exchanged for a fresh token of the same link. Revoking forgets every hash of the document.
 *
 * Six digits are guessable in a million tries, so codes are paced (see join-links route) and live
 * for a day at most; the token a code gives is as strong as any share link.
 */
export interface MintedJoinLink {
  readonly token: string;
  readonly code: string;
  readonly expiresAt: string;
}

export const JOIN_CODE_DIGITS = 6;

/** A code as typed: six digits, spaces and dashes ignored ("482 913", "482-913"). */
export function normalizeJoinCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${JOIN_CODE_DIGITS}}$`).test(digits) ? digits : null;
}

/** A code's stored hash, kept apart from token hashes by its prefix. */
const hashCode = (code: string): string => hashToken(`join-code:${code}`);

/** The last millisecond of the day `now` falls in, in the server's time zone. */
export function endOfDay(now: Date): Date {
  const end = new Date(now);
  end.setHours(23, 59, 59, 999);
  return end;
}

export async function mintJoinLink(
  store: DocumentStore,
  documentId: string,
  now = new Date(),
): Promise<MintedJoinLink> {
  const expiresAt = endOfDay(now).toISOString();
  const token = createToken();
  // A code must not collide with a live one; a few tries are plenty while a district has far fewer than a million open.
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = String(randomInt(0, 10 ** JOIN_CODE_DIGITS)).padStart(JOIN_CODE_DIGITS, '0');
    const taken = await store.findJoinLink(hashCode(code));
    if (taken !== null && Date.parse(taken.expiresAt) > now.getTime()) continue;
    if (taken !== null) await store.revokeJoinLinks(taken.documentId).catch(() => undefined);
    await store.addJoinLinks([
      { hash: hashToken(token), documentId, kind: 'token', expiresAt },
      { hash: hashCode(code), documentId, kind: 'code', expiresAt },
    ]);
    return { token, code, expiresAt };
  }
  throw new Error('no free join code after 20 tries');
}

/** Exchanges a live code for a new token of the same link; null for an unknown or expired code. */
export async function redeemJoinCode(
  store: DocumentStore,
  code: string,
  now = new Date(),
): Promise<{ readonly documentId: string; readonly token: string } | null> {
  const link = await store.findJoinLink(hashCode(code));
  if (link === null || link.kind !== 'code' || Date.parse(link.expiresAt) <= now.getTime())
    return null;
  const token = createToken();
  await store.addJoinLinks([
    {
      hash: hashToken(token),
      documentId: link.documentId,
      kind: 'token',
      expiresAt: link.expiresAt,
    },
  ]);
  return { documentId: link.documentId, token };
}

/** The access a join token gives: editor of its one document, until it expires. */
export async function findJoinAccess(
  store: DocumentStore,
  tokenHash: string,
  now = Date.now(),
): Promise<Access | null> {
  const link = await store.findJoinLink(tokenHash);
  if (link === null || link.kind !== 'token' || Date.parse(link.expiresAt) <= now) return null;
  const document = await store.getDocument(link.documentId);
  if (document === null) return null;
  return { workspaceId: document.workspaceId, role: 'editor', documentId: document.id };
}
