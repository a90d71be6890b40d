import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { DocumentRecord, DocumentStore, Role } from '../storage/document-store.ts';
import type { AccountRecord } from '../storage/identity-records.ts';
import { authorizeDocument, authorizeWorkspace, hasRole, type Authorized } from './authorize.ts';
import { readBearer } from './tokens.ts';

/** `account` is set by the session middleware (auth/session-middleware.ts) for every request: null when signed out. */
export type SessionEnv = { Variables: { account: AccountRecord | null; requestId: string } };
export type MemberEnv = {
  Variables: { authorized: Authorized; account: AccountRecord | null; requestId: string };
};
export type DocumentEnv = {
  Variables: {
    authorized: Authorized;
    document: DocumentRecord;
    account: AccountRecord | null;
    requestId: string;
  };
};

const NO_TOKEN =
  'Send the workspace link\'s token as "Authorization: Bearer <token>", or sign in as a member.';
const SIGN_IN_REQUIRED =
  'This workspace requires sign-in: its links work only for people signed in with their district account.';

function requireRole(authorized: Authorized, least: Role): void {
  if (!hasRole(authorized.access, least)) {
    throw new HTTPException(403, {
      message: `This needs ${least === 'owner' ? "the owner's" : 'an editor'} link; yours is a${authorized.access.role === 'owner' ? 'n' : ''} ${authorized.access.role} link.`,
    });
  }
}

/** The signed-in account of this request, or null (also when no session middleware ran, as in some tests). */
export const readAccount = (c: Context): AccountRecord | null =>
  (c.get('account') as AccountRecord | null | undefined) ?? null;

/** For `/api/workspaces/:ws/…`: a member of that workspace (by link or by sign-in), with at least `least` role. */
export function workspaceMember(store: DocumentStore, least: Role = 'viewer') {
  return createMiddleware<MemberEnv>(async (c, next) => {
    const result = await authorizeWorkspace(
      store,
      readBearer(c.req.header('authorization')),
      readAccount(c),
      c.req.param('ws') ?? '',
    );
    if (result === 'no-token') throw new HTTPException(401, { message: NO_TOKEN });
    if (result === 'other-workspace' || result === 'not-found')
      throw new HTTPException(403, { message: 'This token belongs to another workspace.' });
    if (result === 'join-link')
      throw new HTTPException(403, {
        message: 'A join link opens its one document, not the workspace.',
      });
    if (result === 'sign-in-required') throw new HTTPException(403, { message: SIGN_IN_REQUIRED });
    requireRole(result, least);
    c.set('authorized', result);
    await next();
  });
}

export interface DocumentMemberOptions {
  /**
   * When this says yes for a request, a `?token=` in the URL is accepted in place of the header.
   * Only for read-only feeds that other programs fetch by URL and cannot send headers to (a
   * calendar subscription): a URL ends up in histories and logs, so the header stays the rule.
   */
  readonly acceptsQueryToken?: (c: Context) => boolean;
}

/** For `/api/documents/:doc/…`: a member of the document's workspace (by link or by sign-in), with at least `least` role. */
export function documentMember(
  store: DocumentStore,
  least: Role = 'viewer',
  options: DocumentMemberOptions = {},
) {
  return createMiddleware<DocumentEnv>(async (c, next) => {
    const fromQuery =
      options.acceptsQueryToken?.(c) === true ? (c.req.query('token') ?? null) : null;
    const token = readBearer(c.req.header('authorization')) ?? fromQuery;
    const result = await authorizeDocument(store, token, c.req.param('doc') ?? '', readAccount(c));
    if (result === 'no-token') throw new HTTPException(401, { message: NO_TOKEN });
    // Another workspace's document answers like a missing one, so ids cannot be probed.
    if (result === 'not-found')
      throw new HTTPException(404, { message: 'No such document in your workspace.' });
    if (result === 'deleted')
      throw new HTTPException(410, {
        message: 'This document was deleted by an owner of its workspace.',
      });
    if (result === 'sign-in-required') throw new HTTPException(403, { message: SIGN_IN_REQUIRED });
    requireRole(result, least);
    c.set('authorized', result);
    c.set('document', result.document);
    await next();
  });
}
