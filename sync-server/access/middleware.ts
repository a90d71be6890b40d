import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { DocumentRecord, DocumentStore, Role } from '../storage/document-store.ts';
import { authorizeDocument, authorizeToken, hasRole, type Authorized } from './authorize.ts';
import { readBearer } from './tokens.ts';

export type MemberEnv = { Variables: { authorized: Authorized } };
export type DocumentEnv = { Variables: { authorized: Authorized; document: DocumentRecord } };

const NO_TOKEN = 'Send the workspace link\'s token as "Authorization: Bearer <token>".';

function requireRole(authorized: Authorized, least: Role): void {
  if (!hasRole(authorized.access, least)) {
    throw new HTTPException(403, { message: `This needs ${least === 'owner' ? "the owner's" : 'an editor'} link; yours is a${authorized.access.role === 'owner' ? 'n' : ''} ${authorized.access.role} link.` });
  }
}

/** For `/api/workspaces/:ws/…`: a member of that workspace, with at least `least` role. */
export function workspaceMember(store: DocumentStore, least: Role = 'viewer') {
  return createMiddleware<MemberEnv>(async (c, next) => {
    const authorized = await authorizeToken(store, readBearer(c.req.header('authorization')));
    if (authorized === null) throw new HTTPException(401, { message: NO_TOKEN });
    if (authorized.access.workspaceId !== c.req.param('ws')) throw new HTTPException(403, { message: 'This token belongs to another workspace.' });
    if (authorized.access.documentId !== undefined) throw new HTTPException(403, { message: 'A join link opens its one document, not the workspace.' });
    requireRole(authorized, least);
    c.set('authorized', authorized);
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

/** For `/api/documents/:doc/…`: a member of the document's workspace, with at least `least` role. */
export function documentMember(store: DocumentStore, least: Role = 'viewer', options: DocumentMemberOptions = {}) {
  return createMiddleware<DocumentEnv>(async (c, next) => {
    const fromQuery = options.acceptsQueryToken?.(c) === true ? (c.req.query('token') ?? null) : null;
    const token = readBearer(c.req.header('authorization')) ?? fromQuery;
    const result = await authorizeDocument(store, token, c.req.param('doc') ?? '');
    if (result === 'no-token') throw new HTTPException(401, { message: NO_TOKEN });
    // Another workspace's document answers like a missing one, so ids cannot be probed.
    if (result === 'not-found') throw new HTTPException(404, { message: 'No such document in your workspace.' });
    requireRole(result, least);
    c.set('authorized', result);
    c.set('document', result.document);
    await next();
  });
}
