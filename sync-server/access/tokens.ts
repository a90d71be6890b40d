import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Share-link tokens: 192 random bits, URL-safe. Only their SHA-256 is stored, so a copy of the
 * database does not let anyone in. A fast hash is right here: the token is random, not a password
 * someone chose, so there is nothing to guess slowly.
 */
export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The bearer token of an `Authorization` header, or null. */
export function readBearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

/** True when `given` is the configured secret, compared in constant time (hashes have one length). */
export function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  return timingSafeEqual(Buffer.from(hashToken(given)), Buffer.from(hashToken(expected)));
}
